/** A user's model, in a module of its own: it reads scopegraph's runtime module and nothing else of it. */
module com.example.app {
  requires io.scopegraph;

  exports com.example.app;
}
