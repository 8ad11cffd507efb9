"""Read models and file formats: what the faces are shown, and what leaves the file.

`reads.Reads` gives each read its own transaction; the modules beside it are
functions of an open session (`snapshot`, `lessons`, `progress`, `status`,
`search`), the row-to-view converters (`views`) and the formats (`exchange`
for JSON export and import, `export_text` for CSV and Markdown).
"""
