"""How clients reach the emulator: GraphQL over HTTP and websockets, API keys, faults.

Nothing here knows how data is stored or which rules a mutation follows; the modules
parse and check requests, authenticate them, run them against the schema and shape
the answers. Resolvers and the store never import this package.
"""
