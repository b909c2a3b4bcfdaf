"""The one exception of the project: a mistake in the operator's data, text or command."""


class PolicyError(Exception):
    """A mistake in the operator's data, text or command: one sentence, shown without a traceback.

    The sentence names the file (relative to the repository root), the row, key or line,
    what was found and what was expected. MkDocs hooks turn it into ``PluginError``; the
    command line prints it on stderr and exits 1.
    """
