"""Domain layer: typed ids, literal enums and filter dataclasses.

Nothing here knows about HTTP, GraphQL or the client: these are the words the other
layers share. The module imports nothing else from `kili`.
"""
