"""`paperkg view`: write the graph as one self-contained HTML page (and optionally open it)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import graph_option, quiet_option
from kg.model import Label

#: Node count above which `view` suggests a focused view (the page still opens, slowly).
BIG_GRAPH = 5000
#: Same as kg.visualizations.renderer.PHYSICS_MAX_NODES (not imported: keeps `paperkg --help` light).
PHYSICS_MAX_NODES = 600
_LABELS = click.Choice([label.value for label in Label], case_sensitive=False)


@click.command()
@graph_option
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), default="paperkg.html",
              show_default=True, help="The HTML file to write.")
@click.option("--focus", metavar="NAME", help="Only this entity (name, alias, paper title or id) and its neighbourhood.")
@click.option("--depth", type=click.IntRange(1, 6), default=1, show_default=True, help="Hops around --focus.")
@click.option("--top", type=click.IntRange(1), metavar="N", help="Only the N most connected entities and their papers.")
@click.option("-l", "--label", "include", multiple=True, type=_LABELS, help="Keep only these node labels (repeatable).")
@click.option("-x", "--exclude-label", "exclude", multiple=True, type=_LABELS, help="Drop these node labels (repeatable), e.g. -x Author.")
@click.option("--layout", type=click.Choice(["auto", "physics", "precomputed"]), default="auto", show_default=True,
              help="auto: live physics (stopped once stable) up to --physics-max nodes, else positions computed here.")
@click.option("--physics-max", type=click.IntRange(0), default=PHYSICS_MAX_NODES, show_default=True, help="Node count up to which auto uses live physics.")
@click.option("--title", default="paperkg", show_default=True, help="The page title.")
@click.option("--open", "open_page", is_flag=True, help="Open the page in the default browser when written.")
@quiet_option
def view(graph_path: Path, out: Path, focus, depth, top, include, exclude, layout, physics_max, title, open_page, quiet) -> None:
    """Write the graph as one interactive HTML page that works offline (double-click it).

    Nodes are coloured and shaped by label and sized by degree; search, label and
    relationship toggles, a details panel with the evidence of each link. Big graphs:
    use --focus, --top or label filters; past --physics-max nodes the layout is
    precomputed and the page opens without live physics.

    \b
    Examples:
      paperkg view -o graph.html --open
      paperkg view --focus COCO --depth 2 -o coco.html
      paperkg view --top 50 -x Author -o top50.html
    """
    from kg.store import load_graph
    from kg.visualizations.renderer import ViewOptions, write_html

    options = ViewOptions(title=title, focus=focus, depth=depth, top=top, include=_canonical(include),
                          exclude=_canonical(exclude), layout=layout, physics_max_nodes=physics_max)
    graph = load_graph(graph_path)
    write_html(graph, out, options)
    if not quiet:
        click.echo(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)", err=True)
        if graph.number_of_nodes() > BIG_GRAPH and not (focus or top or include or exclude):
            click.echo(f"tip: {graph.number_of_nodes()} nodes; --top 200 -x Author or --focus NAME draw a readable part", err=True)
    if open_page:
        click.launch(str(out.resolve()))


def _canonical(labels: tuple[str, ...]) -> tuple[str, ...]:
    by_lower = {label.value.lower(): label.value for label in Label}
    return tuple(sorted({by_lower[x.lower()] for x in labels}))


COMMANDS = [view]
