"""How clients reach the emulator: GraphQL over HTTP and websockets, API keys, faults.

Nothing here knows how data is stored or which rules a mutation follows; the modules
check where requests come from, authenticate them, bound their cost, run them against
the schema and shape the answers. Resolvers, the store and the other data code never
import this package (an import contract says so).
"""
