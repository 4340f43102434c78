/**
 * The public stats page, rendered on the server from a snapshot: key figures, then each chart with a sentence that
 * says what it shows and the data table it was drawn from, so every number can be read without the picture. French,
 * no JavaScript, local stylesheets only. Written in the DSFR's class names (parts.ts): our own stylesheet styles them
 * by default, an operator's DSFR when one is configured (assets.ts). It prints aggregates only: public repositories by
 * name, private ones as a count, never a value.
 */
import { barChart } from './chart.js';
import { duration, esc, int } from './html.js';
import { DETECTOR_KEYS, detectorName, detectorShortName } from './labels.js';
import { documentHead, footer, header, keyFigures, SKIPLINKS, summary, table, tags, type Figure } from './parts.js';
import type { StatsSnapshot, WeekStats } from './store.js';

const LONG_DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

const weekNumber = (w: WeekStats): string => String(Number(w.week.id.slice(-2)));
const weekName = (w: WeekStats, current: boolean): string =>
  `Semaine ${weekNumber(w)} (du ${LONG_DATE.format(w.week.start)})${current ? ', en cours' : ''}`;
const plural = (n: number, one: string, many: string): string => `${int(n)} ${n > 1 ? many : one}`;

/** `blockMark`: the State's block-mark in the header, for an operator that opted into the DSFR (never by default). */
export function renderStatsPage(s: StatsSnapshot, options: { stylesheets: readonly string[]; blockMark?: boolean }): string {
  const windowLabel = `${s.weeks.length} dernières semaines`;
  const inWindow = s.weeks.reduce((a, w) => a + w.totalFindings, 0);
  const repos = s.repositories;
  const figures: Figure[] = [
    { key: 'repositories', label: 'Dépôts protégés', value: int(repos.total), detail: `dont ${plural(repos.total - repos.privateCount, 'public', 'publics')} et ${plural(repos.privateCount, 'privé', 'privés')}` },
    { key: 'pushes', label: 'Pushes analysés', value: int(s.scans.push) },
    { key: 'pull-requests', label: 'Pull requests analysées', value: int(s.scans.pull_request) },
    { key: 'findings', label: 'Données personnelles détectées', value: int(s.findings), detail: 'depuis la mise en service' },
    { key: 'median', label: 'Temps d’analyse médian', value: duration(s.scanTime.medianMs), detail: windowLabel },
    { key: 'p95', label: 'Temps d’analyse, 95ᵉ centile', value: duration(s.scanTime.p95Ms), detail: `95 % des analyses sont plus rapides, ${windowLabel}` },
  ];
  const columns = DETECTOR_KEYS.filter((k) => s.weeks.some((w) => (w.findings[k] ?? 0) > 0))
    .concat(s.weeks.some((w) => (w.findings.other ?? 0) > 0) ? ['other'] : []);
  const busiest = s.weeks.reduce<WeekStats | undefined>((best, w) => (w.totalFindings > (best?.totalFindings ?? 0) ? w : best), undefined);
  const current = s.weeks.at(-1);
  const ranked = Object.entries(s.byDetector).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const detectorRows = [...DETECTOR_KEYS, ...((s.byDetector.other ?? 0) > 0 ? ['other'] : [])];
  const scansInWindow = s.weeks.reduce((a, w) => a + w.scans.push + w.scans.pull_request, 0);

  return `<!doctype html>
<html lang="fr">
<head>
${documentHead('Statistiques publiques – sondier', 'Ce que sondier a protégé : dépôts, analyses, données personnelles détectées par semaine et temps d’analyse. Chiffres agrégés uniquement.', options.stylesheets)}
</head>
<body>
${SKIPLINKS}
${header('/stats', 'sondier', 'Empêche les données personnelles françaises d’entrer dans le code', options.blockMark)}
<main id="contenu" role="main" tabindex="-1">
<div class="fr-container">
<h1>Statistiques publiques</h1>
<p class="fr-text--lead">Ce que sondier a protégé : dépôts, analyses des pushes et des pull requests, données personnelles
détectées avant qu’elles n’entrent dans le code. Chiffres agrégés uniquement.</p>
${summary([['#chiffres', 'Chiffres clés'], ['#semaines', 'Par semaine'], ['#detecteurs', 'Par détecteur'], ['#analyses', 'Analyses'],
    ['#depots', 'Dépôts publics'], ['#confidentialite', 'Ce que cette page ne montre pas']])}

<section class="fr-mt-5w" id="chiffres" aria-labelledby="chiffres-titre">
${keyFigures('chiffres-titre', 'Chiffres clés', figures)}
</section>

<section class="fr-mt-5w" id="semaines" aria-labelledby="semaines-titre">
<h2 id="semaines-titre">Données personnelles détectées par semaine</h2>
<p id="semaines-resume">${inWindow === 0 ? `Aucune donnée personnelle détectée sur les ${esc(windowLabel)}.` :
    `${esc(plural(inWindow, 'donnée personnelle détectée', 'données personnelles détectées'))} sur les ${esc(windowLabel)}, dont ${esc(int(current?.totalFindings ?? 0))} cette semaine. ` +
    `La semaine la plus haute est la semaine ${esc(weekNumber(busiest!))}, avec ${esc(int(busiest!.totalFindings))}.`}</p>
${barChart({
    id: 'graphique-semaines', summaryId: 'semaines-resume', orientation: 'vertical',
    title: `Histogramme des données personnelles détectées par semaine, ${windowLabel}`,
    bars: s.weeks.map((w) => ({ label: `S${weekNumber(w)}`, value: w.totalFindings })),
  })}
${table('tableau-semaines', `Données personnelles détectées par semaine et par détecteur, ${windowLabel}`,
    ['Semaine', ...columns.map(detectorShortName), 'Total'],
    [...s.weeks].reverse().map((w, i) => ({
      attrs: `data-week="${esc(w.week.id)}"`, head: weekName(w, i === 0),
      cells: [...columns.map((k) => [k, w.findings[k] ?? 0] as const), ['total', w.totalFindings] as const],
    })))}
</section>

<section class="fr-mt-5w" id="detecteurs" aria-labelledby="detecteurs-titre">
<h2 id="detecteurs-titre">Données personnelles détectées par détecteur</h2>
<p id="detecteurs-resume">${ranked.length === 0 ? `Aucun détecteur n’a trouvé de donnée personnelle sur les ${esc(windowLabel)}.` :
    `Sur les ${esc(windowLabel)}, par ordre de fréquence : ${ranked.map(([k, n]) => `${esc(detectorName(k))} (${esc(int(n))})`).join(', ')}. ` +
    `${esc(plural(detectorRows.length - ranked.length, 'autre détecteur n’a', 'autres détecteurs n’ont'))} rien trouvé.`}</p>
${barChart({
    id: 'graphique-detecteurs', summaryId: 'detecteurs-resume', orientation: 'horizontal',
    title: `Diagramme en barres des données personnelles détectées par détecteur, ${windowLabel}`,
    bars: detectorRows.map((k) => ({ label: detectorName(k), value: s.byDetector[k] ?? 0 })),
  })}
${table('tableau-detecteurs', `Données personnelles détectées par détecteur, ${windowLabel}`, ['Détecteur', 'Détections'],
    detectorRows.map((k) => ({ attrs: `data-detector="${esc(k)}"`, head: detectorName(k), cells: [[k, s.byDetector[k] ?? 0] as const] })))}
</section>

<section class="fr-mt-5w" id="analyses" aria-labelledby="analyses-titre">
<h2 id="analyses-titre">Analyses par semaine et temps d’analyse</h2>
<p id="analyses-resume">${esc(plural(scansInWindow, 'analyse', 'analyses'))} sur les ${esc(windowLabel)}. ${s.scanTime.count === 0 ? '' :
    `La moitié des analyses a pris moins de ${esc(duration(s.scanTime.medianMs))}, 95 % moins de ${esc(duration(s.scanTime.p95Ms))}.`}</p>
${barChart({
    id: 'graphique-analyses', summaryId: 'analyses-resume', orientation: 'vertical',
    title: `Histogramme des analyses (pushes et pull requests) par semaine, ${windowLabel}`,
    bars: s.weeks.map((w) => ({ label: `S${weekNumber(w)}`, value: w.scans.push + w.scans.pull_request })),
  })}
${table('tableau-analyses', `Analyses par semaine, ${windowLabel}`, ['Semaine', 'Pushes', 'Pull requests', 'Total'],
    [...s.weeks].reverse().map((w, i) => ({
      attrs: `data-week="${esc(w.week.id)}"`, head: weekName(w, i === 0),
      cells: [['push', w.scans.push], ['pull_request', w.scans.pull_request], ['total', w.scans.push + w.scans.pull_request]] as const,
    })))}
${table('tableau-temps', `Temps d’analyse, ${windowLabel} (estimé à quelques pour cent près)`, ['Mesure', 'Valeur'], [
    { attrs: 'data-measure="count"', head: 'Analyses mesurées', cells: [['count', int(s.scanTime.count)]] },
    { attrs: 'data-measure="median"', head: 'Médiane', cells: [['median', duration(s.scanTime.medianMs)]] },
    { attrs: 'data-measure="p95"', head: '95ᵉ centile', cells: [['p95', duration(s.scanTime.p95Ms)]] },
  ])}
</section>

<section class="fr-mt-5w" id="depots" aria-labelledby="depots-titre">
<h2 id="depots-titre">Dépôts publics protégés</h2>
${repos.publicNames.length === 0 ? '<p>Aucun dépôt public pour le moment.</p>' : tags(repos.publicNames)}
<p>${repos.privateCount === 0 ? 'Aucun dépôt privé.' : `Et ${esc(plural(repos.privateCount, 'dépôt privé', 'dépôts privés'))}, que cette page ne nomme pas.`}</p>
</section>

<section class="fr-mt-5w" id="confidentialite" aria-labelledby="confidentialite-titre">
<h2 id="confidentialite-titre">Ce que cette page ne montre pas</h2>
<ul>
<li>Aucune donnée personnelle : ni valeur, ni forme masquée, ni empreinte, ni nom de fichier.</li>
<li>Aucun nom de dépôt privé : ils sont seulement comptés.</li>
<li>Aucun lien entre un dépôt et ce qui y a été détecté.</li>
</ul>
</section>
</div>
</main>
${footer(`Chiffres au ${DATE_TIME.format(s.at)} (UTC). Semaines ISO, du lundi au dimanche.`)}
</body>
</html>
`;
}
