/**
 * Test pages: one news-site skeleton (site navigation, ads, a hero figure, a related-links box), a
 * seed article inside it (links and emphasis inside sentences, a paragraph split by <br>), and a
 * single-page-app variant that swaps in another story with history.pushState.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');

export function seedText(id: string): string {
  const dir = path.join(sharedDir, 'seeds');
  const file = readdirSync(dir).find((name) => name.startsWith(`${id}_`));
  if (!file) throw new Error(`no seed ${id} in ${dir}`);
  return readFileSync(path.join(dir, file), 'utf8');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Inline markup to put inside given paragraphs: [escaped text to find, replacement HTML]. */
type Markup = [string, string][];

/** The markup the seed-000 page puts inside sentences (applied to escaped paragraph text). */
const SEED_000_MARKUP: Record<number, Markup> = {
  // A link across a comma, and a <br> splitting the paragraph between its two sentences.
  1: [
    ['Anchorage, Alaska', '<a href="/tag/alaska">Anchorage, Alaska</a>'],
    ['ceasefire. But', 'ceasefire.<br>\n      But'],
  ],
  2: [['&quot;no deal&quot;', '<em>&quot;no deal&quot;</em>']],
  4: [
    ['closed-door meeting', '<a href="/topic/diplomacy">closed-door meeting</a>'],
    ['&quot;many points were agreed to&quot;', '<em>&quot;many points were agreed to&quot;</em>'],
  ],
  7: [['&quot;Next time in Moscow.&quot;', '<em>&quot;Next time in Moscow.&quot;</em>']],
  9: [['Fox News', '<a href="/outlets/fox-news"><strong>Fox News</strong></a>']],
  15: [['Douglas Lute', '<a href="/people/douglas-lute">Douglas <span class="surname">Lute</span></a>']],
};

export interface SeedPageOptions {
  /** Headline shown in <h1> and <title>. */
  headline: string;
  /** Extra HTML at the end of <body> (e.g. the SPA script). */
  tail?: string;
  /** A blocking script in <head> (a slow one holds up the page's load, as on real news sites). */
  headScript?: string;
}

const STYLE = `
  body { margin: 0; font: 18px/1.6 Georgia, "Times New Roman", serif; color: #1a1a1a; background: #fff; }
  .site-header { display: flex; align-items: center; gap: 24px; padding: 12px 32px; border-bottom: 3px solid #b00; font-family: Arial, sans-serif; }
  .logo { font: bold 26px Georgia, serif; color: #b00; }
  .site-header ul { display: flex; gap: 16px; list-style: none; margin: 0; padding: 0; }
  .site-header a { color: #333; text-decoration: none; font-size: 14px; text-transform: uppercase; }
  .ad { margin: 16px auto; text-align: center; font: 11px Arial, sans-serif; color: #888; background: #f2f2f2; }
  .ad-leaderboard { width: 728px; height: 90px; line-height: 90px; }
  .ad-inline { width: 300px; height: 250px; line-height: 250px; }
  main { display: grid; grid-template-columns: minmax(0, 680px) 300px; gap: 48px; max-width: 1060px; margin: 0 auto; padding: 0 24px; }
  h1 { font-size: 36px; line-height: 1.2; margin: 24px 0 8px; }
  .byline { font: 14px Arial, sans-serif; color: #555; }
  .hero-img { height: 160px; background: linear-gradient(135deg, #4b6cb7, #182848); }
  figcaption { font: 13px Arial, sans-serif; color: #666; padding: 6px 0; }
  .story-body a { color: #b00; }
  .story-body h2 { font-size: 24px; margin-top: 32px; }
  .promo { font: bold 15px Arial, sans-serif; }
  .related { font: 14px Arial, sans-serif; border-top: 3px solid #b00; margin-top: 24px; }
  .related li { margin: 10px 0; }
  footer { margin-top: 48px; padding: 24px 32px; background: #222; color: #ccc; font: 13px Arial, sans-serif; }
  footer a { color: #ccc; margin-right: 16px; }
`;

/** The seed's paragraphs as article-body HTML (lines of the "You may also like" box are left out). */
export function articleBody(id: string): { body: string; related: string[] } {
  const lines = seedText(id).split('\n').map((line) => line.trim()).filter(Boolean);
  const cut = lines.findIndex((line) => /^you may also like$/i.test(line));
  const paragraphs = cut >= 0 ? lines.slice(0, cut) : lines;
  const related = cut >= 0 ? lines.slice(cut + 1) : [];
  const markup = id === '000' ? SEED_000_MARKUP : {};
  const html: string[] = [];
  paragraphs.forEach((paragraph, i) => {
    if (/^READ MORE:/.test(paragraph)) {
      const rest = escapeHtml(paragraph.replace(/^READ MORE:\s*/, ''));
      html.push(`<p class="promo"><strong>READ MORE:</strong> <a href="/news/hidden-sign">${rest}</a></p>`);
      return;
    }
    // "Subheading?Sentence…" in the seed is a subheading glued to its paragraph.
    const glued = /^(.{10,80}\?)([A-Z].*)$/.exec(paragraph);
    if (glued) {
      html.push(`<h2>${escapeHtml(glued[1]!)}</h2>`);
      paragraph = glued[2]!;
    }
    let text = escapeHtml(paragraph);
    for (const [find, replace] of markup[i] ?? []) {
      if (!text.includes(find)) throw new Error(`markup target not found in paragraph ${i}: ${find}`);
      text = text.replace(find, replace);
    }
    html.push(`<p>\n      ${text}\n    </p>`);
    if (i === 4) {
      html.push('<div class="ad ad-inline" aria-label="Advertisement">Advertisement</div>');
    }
  });
  return { body: html.join('\n    '), related };
}

export function seedPage(id: string, options: SeedPageOptions): string {
  const { body, related } = articleBody(id);
  return newsPage({
    site: 'The Daily Example',
    headline: options.headline,
    sections: ['Home', 'World', 'Politics', 'Business', 'Sport', 'Opinion'],
    author: 'Jane Reporter',
    authorHref: '/authors/jane-reporter',
    authorRole: 'World Affairs Correspondent',
    published: '2025-08-15T22:30:00Z',
    dateText: '15 August 2025',
    figureLabel: 'The two leaders on a red carpet at the air base',
    caption: 'The two leaders met at a military base in Alaska (Photo: Example Agency)',
    body,
    tags: '<a href="/topic/russia">Russia</a> <a href="/topic/ukraine">Ukraine</a> <a href="/topic/us">US politics</a>',
    relatedHeading: 'You may also like',
    related: related.length ? related : ['Markets close higher', 'Weather: storm warning for the coast'],
    tail: options.tail,
    headScript: options.headScript,
  });
}

/** A news site's article page; every test page on an invented outlet is one of these. */
export interface NewsPageSpec {
  /** The outlet: logo, title suffix, og:site_name and footer. */
  site: string;
  headline: string;
  /** Navigation sections ("Home" links to /). */
  sections: string[];
  author: string;
  authorHref: string;
  /** Shown after the author's name ("World Affairs Correspondent"). */
  authorRole?: string;
  /** ISO date-time of publication, and how the page writes it. */
  published: string;
  dateText: string;
  figureLabel: string;
  caption: string;
  /** The story: paragraphs, subheadings and ad slots, as HTML. */
  body: string;
  /** Topic links under the story, as HTML. */
  tags?: string;
  relatedHeading: string;
  related: string[];
  /** Extra HTML at the end of <body> (e.g. a script). */
  tail?: string;
  /** The address of a blocking script in <head>. */
  headScript?: string;
}

export function newsPage(spec: NewsPageSpec): string {
  const site = escapeHtml(spec.site);
  const sections = spec.sections
    .map((name) => `<li><a href="${name === 'Home' ? '/' : `/${name.toLowerCase()}`}">${escapeHtml(name)}</a></li>`)
    .join('');
  const related = spec.related.map((title, i) => `<li><a href="/related/${i}">${escapeHtml(title)}</a></li>`).join('\n        ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(spec.headline)} | ${site}</title>
  <meta property="og:site_name" content="${site}">
  <meta property="og:type" content="article">
  <meta property="article:published_time" content="${spec.published}">
  <meta name="author" content="${escapeHtml(spec.author)}">
  <style>${STYLE}</style>${spec.headScript ? `\n  <script src="${spec.headScript}"></script>` : ''}
</head>
<body>
  <header class="site-header">
    <div class="logo">${site}</div>
    <nav aria-label="Sections">
      <ul>
        ${sections}
      </ul>
    </nav>
  </header>
  <div class="ad ad-leaderboard" aria-label="Advertisement">Advertisement</div>
  <main>
    <article class="story">
      <h1 id="headline">${escapeHtml(spec.headline)}</h1>
      <p class="byline">By <a href="${spec.authorHref}">${escapeHtml(spec.author)}</a>${spec.authorRole ? `, ${escapeHtml(spec.authorRole)}` : ''} · <time datetime="${spec.published}">${escapeHtml(spec.dateText)}</time></p>
      <figure class="hero">
        <div class="hero-img" role="img" aria-label="${escapeHtml(spec.figureLabel)}"></div>
        <figcaption>${escapeHtml(spec.caption)}</figcaption>
      </figure>
      <div class="story-body" id="story-body">
    ${spec.body}
      </div>${spec.tags ? `\n      <p class="tags">Topics: ${spec.tags}</p>` : ''}
    </article>
    <aside class="related" aria-label="Related stories">
      <h2>${escapeHtml(spec.relatedHeading)}</h2>
      <ul>
        ${related}
      </ul>
      <div class="ad ad-inline" aria-label="Advertisement">Advertisement</div>
    </aside>
  </main>
  <footer>
    <a href="/about">About us</a><a href="/contact">Contact</a><a href="/privacy">Privacy</a><a href="/terms">Terms</a>
    <p>© ${spec.published.slice(0, 4)} ${site}. All rights reserved.</p>
  </footer>
${spec.tail ?? ''}
</body>
</html>
`;
}

/** The headline the test pages and the bench give seed 000. */
export const SEED_000_HEADLINE = "Trump and Putin summit ends with 'no deal' in Alaska";

/**
 * The SPA page: seed 000 first; clicking "Next story" replaces the story with seed 001 and pushes
 * a new URL, as a single-page news app does.
 */
export function spaPage(): string {
  const next = articleBody('001').body;
  const script = `
  <p><a id="next-story" href="/spa/next">Next story</a></p>
  <script>
    document.getElementById('next-story').addEventListener('click', (event) => {
      event.preventDefault();
      const template = document.createElement('template');
      template.innerHTML = ${JSON.stringify(next)};
      document.getElementById('story-body').replaceChildren(template.content);
      document.getElementById('headline').textContent = 'Summit in Anchorage ends without a ceasefire deal';
      document.title = 'Summit in Anchorage ends without a ceasefire deal | The Daily Example';
      history.pushState({}, '', '/spa/next');
    });
  </script>`;
  return seedPage('000', { headline: SEED_000_HEADLINE, tail: script });
}

/**
 * The seed article as a client-rendered news site shows it: the page's own script takes the story out
 * as the page loads (so the page is no article when the content script first reads it) and puts it
 * back `delayMs` later.
 */
export function lateArticlePage(delayMs: number): string {
  const script = `
  <script>
    const story = document.getElementById('story-body');
    const parts = [...story.childNodes];
    story.replaceChildren();
    setTimeout(() => story.replaceChildren(...parts), ${delayMs});
  </script>`;
  return seedPage('000', { headline: SEED_000_HEADLINE, tail: script });
}

/**
 * A real page from ../shared/pages with its scripts and inline event handlers removed: they would
 * only fail on the blocked third-party requests, and their errors would hide ours.
 */
export function realPage(name: string): string {
  const html = readFileSync(path.join(sharedDir, 'pages', name, 'source.html'), 'utf8');
  return html
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/(<[a-z][^>]*?)\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, '$1');
}
