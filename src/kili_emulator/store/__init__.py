"""The emulator's backend: every SQL statement and lookup, one module per domain.

Resolvers parse a request, check the right (`kili_emulator.permissions`), call the
store and render; they never write SQL. Each domain module holds the filters of its
``<Type>Where`` input, a `Listing` (`store.paging`: a page of rows, their count, one
designated row) and the reads and writes of its tables. Reads take a `Scope` (the
viewer) and see only what it may see; writes take the database and trust their
caller to have checked the rights.

Modules: `users`, `passwords`, `organizations`, `api_keys`, `projects`, `project_users`,
`assets`, `asset_filters` (AssetWhere and LabelWhere), `step_filters` (the step
fields of AssetWhere), `labels`, `quality_marks` (inference, honeypot and consensus
marks of assets and labels), `tags`, `issues`, `comments`, `notifications`,
`project_versions`, `files`, `workflow` (steps, their assignees, each asset's current
step and status); shared mechanism in `conditions`, `paging`, `scope` and `visibility`;
the tables in `schema`. The connection and transactions are in `kili_emulator.storage`.
"""
