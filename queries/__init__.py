"""The questions strategists ask, as one SPARQL 1.1 file each, and the code that runs them.

`rq/` holds the query files (plain SPARQL 1.1, no engine extensions, so the
same files can run on a shared SPARQL server); `catalog` reads their headers,
`named` binds parameters and runs them, `engine` talks to the store.
"""
