"""Zhiqing (知情): the privacy policy as a bilingual, versioned MkDocs site; the package the hooks and the command line share."""
