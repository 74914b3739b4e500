"""Domain layer: typed ids, literal enums and filter dataclasses.

Nothing here knows about HTTP, GraphQL or the client: these are the words the other
layers share. The package imports nothing else from `kili` but `kili.exceptions`, so
that a value refused here is refused with the SDK's own errors.
"""
