// Replaced by the query commands.
namespace kb { int query_placeholder() { return 0; } }
