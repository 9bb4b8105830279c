"""The HTML view (mounted as ``kg.visualizations``): the graph as one self-contained, offline,
safe interactive page. See docs/view.md.

>>> from kg.visualizations import ViewOptions, render_html, write_html
"""

from kg.visualizations.renderer import ViewOptions, render_html, write_html

__all__ = ["ViewOptions", "render_html", "write_html"]
