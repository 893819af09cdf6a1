/// The report's inline stylesheet: system fonts only, a restrained palette, and print rules.
enum ReportStyle {
    static let css = """
    :root { --ink: #1f2328; --muted: #656d76; --line: #d8dee4; --soft: #f6f8fa; --accent: #2563eb;
      --ok: #1a7f37; --ok-bg: #dafbe1; --cache: #0550ae; --cache-bg: #ddf4ff; --bad: #cf222e; --bad-bg: #ffebe9;
      --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; color: var(--ink); background: #fff;
      font: 16px/1.6 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    main { max-width: 1000px; margin: 0 auto; padding: 32px 28px 64px; }
    a { color: var(--accent); }
    h1, h2, h3, h4 { line-height: 1.25; margin: 1.4em 0 0.5em; }
    h1 { font-size: 2em; } h2 { font-size: 1.5em; border-bottom: 1px solid var(--line); padding-bottom: 0.2em; } h3 { font-size: 1.2em; }
    code, pre { font-family: var(--mono); font-size: 13.5px; }
    :not(pre) > code { background: var(--soft); padding: 0.1em 0.35em; border-radius: 4px; }
    pre { margin: 0; overflow-x: auto; }
    table { border-collapse: collapse; margin: 0.6em 0; font-size: 14px; }
    th, td { border: 1px solid var(--line); padding: 4px 10px; vertical-align: top; }
    th { background: var(--soft); text-align: left; font-weight: 600; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; font-family: var(--mono); font-size: 13px; }
    td.missing { color: var(--muted); }
    blockquote { margin: 0.8em 0; padding: 0 1em; color: var(--muted); border-left: 4px solid var(--line); }
    header.report-header { border-bottom: 1px solid var(--line); padding-bottom: 16px; margin-bottom: 8px; }
    header.report-header h1 { margin: 0 0 10px; }
    .meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; font-size: 14px; }
    .meta dt { color: var(--muted); } .meta dd { margin: 0; }
    .params { margin-top: 10px; }
    .params td:first-child { font-family: var(--mono); }
    .params tr.changed td { background: #fff8c5; }
    span.changed { font-size: 11px; font-weight: 600; color: #9a6700; background: #fff8c5; border-radius: 999px; padding: 0 6px; }
    .scroll { overflow-x: auto; max-width: 100%; }
    .cell-md table, .out-markdown table { display: block; overflow-x: auto; max-width: 100%; }
    p.note { font-size: 13px; color: var(--muted); margin: 4px 0; }
    pre.md-plain { white-space: pre-wrap; word-break: break-word; }
    nav.toc { margin: 16px 0 8px; padding: 12px 18px; background: var(--soft); border-radius: 8px; font-size: 14px; }
    nav.toc h2 { font-size: 13px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); border: 0; margin: 0 0 6px; padding: 0; }
    nav.toc ol { list-style: none; margin: 0; padding: 0; }
    nav.toc li { margin: 1px 0; } nav.toc .l2 { padding-left: 1em; } nav.toc .l3, nav.toc .l4, nav.toc .l5, nav.toc .l6 { padding-left: 2em; }
    nav.toc a { text-decoration: none; }
    .cell { margin: 18px 0; }
    .cell-code { border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
    .cell-head { display: flex; align-items: center; gap: 10px; padding: 6px 12px; background: var(--soft);
      border-bottom: 1px solid var(--line); font-size: 13px; color: var(--muted); }
    .cell-head .cell-name { font-family: var(--mono); color: var(--ink); }
    .cell-head .cell-number { font-family: var(--mono); }
    details.code > summary { cursor: pointer; list-style: none; }
    details.code > summary::-webkit-details-marker { display: none; }
    details.code > summary::before { content: "\\25BE"; color: var(--muted); width: 0.8em; }
    details.code:not([open]) > summary::before { content: "\\25B8"; }
    details.code:not([open]) > summary { border-bottom: 0; }
    .cell-head .note { margin-left: auto; font-size: 12px; }
    .badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap; }
    .badge.ran { color: var(--ok); background: var(--ok-bg); }
    .badge.restored { color: var(--cache); background: var(--cache-bg); }
    .badge.failed { color: var(--bad); background: var(--bad-bg); }
    .badge.notrun { color: var(--muted); border: 1px solid var(--line); }
    .cell.notrun pre.code { opacity: 0.55; }
    pre.code { padding: 10px 14px; line-height: 1.5; background: #fbfcfd; }
    pre.code .k { color: #cf222e; } pre.code .s { color: #0a3069; } pre.code .n { color: #0550ae; }
    pre.code .c { color: #6e7781; font-style: italic; } pre.code .f { color: #8250df; } pre.code .b { color: #0550ae; font-weight: 600; }
    pre.code .m { color: #953800; }
    .outputs { padding: 4px 14px 10px; }
    .outputs:empty { display: none; }
    .outputs > * { margin: 8px 0; }
    pre.out-text, pre.out-value { white-space: pre-wrap; word-break: break-word; padding: 6px 10px; border-left: 3px solid var(--line); }
    pre.out-value { color: #24292f; border-left-color: var(--accent); }
    figure { margin: 10px 0; }
    figcaption { font-size: 13px; color: var(--muted); margin: 4px 0; }
    figure.out-table { overflow-x: auto; }
    svg.chart { max-width: 100%; height: auto; display: block; font-family: inherit; }
    svg.chart .plot { fill: #fff; } svg.chart .grid { stroke: #eaeef2; stroke-width: 1; }
    svg.chart .axis { stroke: #8c959f; stroke-width: 1; } svg.chart .tick { font-size: 11px; fill: var(--muted); }
    svg.chart .label { font-size: 12px; fill: var(--ink); } svg.chart .legend { font-size: 11px; fill: var(--ink); }
    .image-row { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
    .image-row figure { margin: 0; max-width: 100%; flex: 0 0 auto; }
    .image-row img { display: block; width: 100%; height: auto; border-radius: 4px; image-rendering: auto; }
    .image-row img.pixelated { image-rendering: pixelated; }
    ul.legend { list-style: none; padding: 0; margin: 4px 0 0; display: flex; flex-wrap: wrap; gap: 2px 12px; font-size: 12px; max-width: 520px; }
    ul.legend .swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; vertical-align: -1px;
      border: 1px solid rgba(0,0,0,0.15); }
    .out-error { border: 1px solid #ffcecb; background: var(--bad-bg); border-radius: 6px; padding: 8px 12px; }
    .out-error .where { font-size: 13px; font-weight: 600; color: var(--bad); }
    .out-error pre { white-space: pre-wrap; margin-top: 4px; }
    .warnings { font-size: 13px; color: #9a6700; background: #fff8c5; border-radius: 6px; padding: 6px 12px; }
    footer { margin-top: 40px; font-size: 12px; color: var(--muted); border-top: 1px solid var(--line); padding-top: 10px; }
    @media (max-width: 640px) { main { padding: 16px 12px 40px; } }
    @media print {
      body { font-size: 11pt; } main { max-width: none; padding: 0; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      nav.toc { background: none; border: 1px solid var(--line); }
      .cell-code, figure, .out-error, tr { break-inside: avoid; }
      h1, h2, h3 { break-after: avoid; }
      pre.code, pre.out-text, pre.out-value { white-space: pre-wrap; overflow: visible; }
      a { color: inherit; text-decoration: none; }
    }
    """
}
