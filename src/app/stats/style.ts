/**
 * The page's only stylesheet, served from the App itself (the page loads nothing from elsewhere). Contrasts are
 * chosen for WCAG 2.1 AA: body text 16:1, links and bars about 10:1 on white, header text about 10:1 on its blue;
 * every focusable element gets a thick, offset outline; nothing depends on colour alone.
 */
export const STATS_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:100%;line-height:1.5;color:#1e1e1e;background:#fff}
body{margin:0}
.container{max-width:64rem;margin:0 auto;padding:0 1rem}
a{color:#1b3f8b;text-decoration:underline;text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #0a5fd6;outline-offset:3px}
main:focus{outline:none}
.skip{position:absolute;left:.5rem;top:-3rem;padding:.5rem 1rem;background:#fff;color:#1b3f8b;z-index:10}
.skip:focus{top:.5rem}
.site-header{background:#1b3f8b;color:#fff;padding:1rem 0}
.site-header a{color:#fff}
.site-header :focus-visible{outline-color:#fff}
.brand{margin:0;font-size:1.5rem;font-weight:700}
.tagline{margin:.25rem 0 0}
.toc ul{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;list-style:none;margin:1rem auto 0;padding:0}
h1{font-size:2rem;line-height:1.25;margin:1.5rem 0 .5rem}
h2{font-size:1.5rem;line-height:1.3;margin:2.5rem 0 .75rem}
.lead{font-size:1.125rem;max-width:48rem}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:1rem;margin:0}
.figure{border:1px solid #929292;border-left:.375rem solid #1b3f8b;padding:.75rem 1rem}
.figure dt{font-weight:600}
.figure dd{margin:0}
.figure .value{display:block;font-size:2rem;font-weight:700;font-variant-numeric:tabular-nums}
.figure .detail{display:block;font-size:.875rem;color:#3a3a3a}
.chart{display:block;width:100%;max-width:48rem;height:auto;margin:1rem 0}
.table-wrap{overflow-x:auto;margin:1rem 0}
table{border-collapse:collapse;min-width:100%;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.5rem 0}
th,td{border:1px solid #929292;padding:.5rem .75rem;text-align:left;vertical-align:top}
thead th{background:#e8edf7}
tbody tr:nth-child(even){background:#f6f6f6}
.num{text-align:right}
.repos{columns:2 16rem}
.site-footer{margin-top:3rem;padding:1.5rem 0;border-top:1px solid #929292;font-size:.875rem}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
`;
