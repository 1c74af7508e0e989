"""The dashboard in a browser (textual-serve): the page, the sessions, the viewer process."""
