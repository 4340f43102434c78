/**
 * The page's frame and repeated blocks in the DSFR's documented markup (skiplinks, header, summary, callout, grid,
 * table with its 1.12+ wrappers, tags, footer), so an operator's DSFR styles them as they are; style.ts styles the
 * same classes otherwise. The header's block-mark ("République française", drawn by the DSFR's own stylesheet) appears
 * only when an operator has opted into the DSFR (SONDIER_DSFR_DIR), which the DSFR's header requires and only State
 * services may do; sondier's own page never shows it, so it cannot pass for an official service.
 */
import { esc, int } from './html.js';

export function documentHead(title: string, description: string, stylesheets: readonly string[]): string {
  return `<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<meta name="description" content="${esc(description)}">
${stylesheets.map((href) => `<link rel="stylesheet" href="${esc(href)}">`).join('\n')}`;
}

/** First in the page, shown once focused. The targets exist: main#contenu, nav#sommaire, footer#pied-de-page. */
export const SKIPLINKS = `<div class="fr-skiplinks">
<nav class="fr-container" role="navigation" aria-label="Accès rapide">
<ul class="fr-skiplinks__list">
<li><a class="fr-link" href="#contenu">Contenu</a></li>
<li><a class="fr-link" href="#sommaire">Sommaire</a></li>
<li><a class="fr-link" href="#pied-de-page">Pied de page</a></li>
</ul>
</nav>
</div>`;

/** The header's service name and tagline; the State's block-mark first only with the operator's DSFR (`blockMark`). */
export function header(home: string, name: string, tagline: string, blockMark = false): string {
  const mark = blockMark
    ? `<div class="fr-header__brand-top">
<div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div>
</div>
`
    : '';
  return `<header role="banner" class="fr-header">
<div class="fr-header__body">
<div class="fr-container">
<div class="fr-header__body-row">
<div class="fr-header__brand fr-enlarge-link">
${mark}<div class="fr-header__service">
<a href="${esc(home)}"><p class="fr-header__service-title">${esc(name)}</p></a>
<p class="fr-header__service-tagline">${esc(tagline)}</p>
</div>
</div>
</div>
</div>
</div>
</header>`;
}

export function summary(links: ReadonlyArray<readonly [href: string, label: string]>): string {
  return `<nav class="fr-summary" id="sommaire" role="navigation" aria-labelledby="sommaire-titre">
<h2 class="fr-summary__title" id="sommaire-titre">Sommaire</h2>
<ol>
${links.map(([href, label]) => `<li><a class="fr-summary__link" href="${esc(href)}">${esc(label)}</a></li>`).join('\n')}
</ol>
</nav>`;
}

export interface Figure {
  /** `data-stat` of the value, for tests and scrapers. */
  key: string;
  label: string;
  value: string;
  detail?: string;
}

/**
 * The key figures: one callout (the DSFR advises one or two per page, not one per figure) holding a description list
 * laid out on the grid, so each label stays paired with its value for assistive technologies.
 */
export function keyFigures(id: string, title: string, figures: readonly Figure[]): string {
  return `<div class="fr-callout">
<h2 class="fr-callout__title" id="${esc(id)}">${esc(title)}</h2>
<dl class="fr-grid-row fr-grid-row--gutters sondier-figures">
${figures.map((f) => `<div class="fr-col-12 fr-col-sm-6 fr-col-lg-4 sondier-figure"><dt>${esc(f.label)}</dt>` +
    `<dd><span class="sondier-figure__value" data-stat="${esc(f.key)}">${esc(f.value)}</span>` +
    `${f.detail ? `<span class="sondier-figure__detail fr-text--sm">${esc(f.detail)}</span>` : ''}</dd></div>`).join('\n')}
</dl>
</div>`;
}

export interface Row {
  attrs: string;
  head: string;
  cells: ReadonlyArray<readonly [key: string, value: number | string]>;
}

/**
 * A data table with its caption. The DSFR scrolls `fr-table__container` on a small screen; it is a named, focusable
 * region so a keyboard can scroll it too (WCAG 2.1.1).
 */
export function table(id: string, caption: string, headings: readonly string[], rows: readonly Row[]): string {
  return `<div class="fr-table">
<div class="fr-table__wrapper">
<div class="fr-table__container" role="region" aria-labelledby="${id}-legende" tabindex="0">
<div class="fr-table__content">
<table id="${id}">
<caption id="${id}-legende">${esc(caption)}</caption>
<thead><tr>${headings.map((h, i) => `<th scope="col"${i > 0 ? ' class="fr-cell--right"' : ''}>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((r) => `<tr ${r.attrs}><th scope="row">${esc(r.head)}</th>${r.cells.map(([k, v]) => `<td class="fr-cell--right" data-key="${esc(k)}">${esc(typeof v === 'number' ? int(v) : v)}</td>`).join('')}</tr>`).join('\n')}
</tbody>
</table>
</div>
</div>
</div>
</div>`;
}

/** Names as non-clickable tags (`p.fr-tag`), the DSFR's way to list short labels. */
export const tags = (names: readonly string[]): string =>
  `<ul class="fr-tags-group">${names.map((n) => `<li><p class="fr-tag">${esc(n)}</p></li>`).join('')}</ul>`;

export function footer(text: string): string {
  return `<footer class="fr-footer" id="pied-de-page" role="contentinfo">
<div class="fr-container">
<div class="fr-footer__body">
<div class="fr-footer__content">
<p class="fr-footer__content-desc">${esc(text)}</p>
</div>
</div>
</div>
</footer>`;
}
