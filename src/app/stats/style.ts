/**
 * The stats page's own stylesheets, served from the App itself (the page loads nothing from elsewhere).
 *
 * The page is written in the DSFR's class names (parts.ts). THEME_CSS styles those classes in sondier's own colours
 * and type, so the page looks right without the DSFR and never passes for an official State service. PAGE_CSS is
 * what the DSFR has no component for (SVG charts, key-figure values): it goes with either the theme (stats.css) or an
 * operator's DSFR (stats-page.css). The theme and the DSFR are never loaded together: the theme would fight the DSFR.
 *
 * Contrasts are chosen for WCAG 2.1 AA: body text 16:1, links and bars about 10:1 on white and on the tinted boxes,
 * header text about 10:1 on its blue; every focusable element gets a thick, offset outline; nothing depends on colour
 * alone.
 */

/** Rules the DSFR lacks; written to sit on top of the DSFR as well as on top of THEME_CSS. */
export const PAGE_CSS = `
main[tabindex="-1"]:focus{outline:none}
.sondier-figures{margin-top:0;margin-bottom:0}
.sondier-figure dt{font-weight:700}
.sondier-figure dd{margin:0}
.sondier-figure__value{display:block;font-size:2rem;line-height:1.25;font-weight:700;font-variant-numeric:tabular-nums}
.sondier-figure__detail{display:block}
.sondier-chart{display:block;width:100%;max-width:48rem;height:auto;margin:1.5rem 0}
.fr-table table{font-variant-numeric:tabular-nums}
`;

/** The DSFR class names the page uses, styled the sondier way: system fonts and sondier's blue, not the State's look. */
export const THEME_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:100%;line-height:1.5;color:#1e1e1e;background:#fff}
body{margin:0}
a{color:#1b3f8b;text-decoration:underline;text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #0a5fd6;outline-offset:3px}
h1{font-size:2rem;line-height:1.25;margin:1.5rem 0 .5rem}
h2{font-size:1.5rem;line-height:1.3;margin:0 0 .75rem}
.fr-container{max-width:64rem;margin:0 auto;padding:0 1rem}
.fr-mt-5w{margin-top:2.5rem}
.fr-text--lead{font-size:1.125rem;max-width:48rem}
.fr-text--sm{font-size:.875rem}
.fr-skiplinks{position:absolute;top:0;left:0;right:0;z-index:10;padding:.75rem 0;background:#fff;transform:translateY(-100%);opacity:0}
.fr-skiplinks:focus-within{position:relative;transform:none;opacity:1}
.fr-skiplinks__list{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;list-style:none;margin:0;padding:0}
.fr-header{background:#1b3f8b;color:#fff;padding:1rem 0}
.fr-header a{color:#fff;display:inline-block}
.fr-header :focus-visible{outline-color:#fff}
.fr-header__service-title{margin:0;font-size:1.5rem;font-weight:700}
.fr-header__service-tagline{margin:.25rem 0 0}
.fr-summary{margin:1.5rem 0 0;padding:1rem 1.25rem;background:#f6f6f6}
.fr-summary__title{font-size:1.125rem;margin:0 0 .5rem}
.fr-summary ol{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;list-style:none;margin:0;padding:0}
.fr-callout{margin:0;padding:1.25rem 1.5rem;background:#f3f6fb;border-left:.375rem solid #1b3f8b}
.fr-callout__title{margin:0 0 1rem}
.fr-grid-row{display:flex;flex-wrap:wrap}
.fr-grid-row--gutters{margin:-.5rem}
.fr-grid-row--gutters>[class*="fr-col"]{padding:.5rem}
.fr-col-12{flex:0 0 100%;max-width:100%}
@media (min-width:36em){.fr-col-sm-6{flex:0 0 50%;max-width:50%}}
@media (min-width:62em){.fr-col-lg-4{flex:0 0 33.333%;max-width:33.333%}}
.sondier-figure__detail{color:#3a3a3a}
.fr-table{margin:1.5rem 0 0}
.fr-table__container{overflow-x:auto}
.fr-table table{border-collapse:collapse;min-width:100%}
.fr-table caption{text-align:left;font-weight:600;padding:.5rem 0}
.fr-table th,.fr-table td{border:1px solid #929292;padding:.5rem .75rem;text-align:left;vertical-align:top}
.fr-table thead th{background:#e8edf7}
.fr-table tbody tr:nth-child(even){background:#f6f6f6}
.fr-table .fr-cell--right{text-align:right}
.fr-tags-group{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;margin:0 0 1rem;padding:0}
.fr-tag{display:inline-block;margin:0;padding:.25rem .75rem;border-radius:1rem;background:#e8edf7;color:#1b3f8b;font-size:.875rem}
.fr-footer{margin-top:3rem;padding:1.5rem 0;border-top:1px solid #929292;font-size:.875rem}
.fr-footer__content-desc{margin:0}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
`;

/** The default stylesheet (/stats/assets/stats.css): the theme, then the page's own rules. */
export const STATS_CSS = THEME_CSS + PAGE_CSS;
