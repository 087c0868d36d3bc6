/**
 * Node-only HTML parsing for the command line and tests (the extension uses the page's own DOM).
 *
 * linkedom is fast (~10 ms for a 250 KB page) but is not a spec HTML parser, and two of its quirks
 * matter for Readability, which this module smooths over:
 *
 * - It builds no implicit `<html>`/`<head>`/`<body>`: a fragment ("<p>hi</p>") becomes a document
 *   whose documentElement is the `<p>`, and content outside an explicit `<body>` is not in
 *   `document.body` (Readability only reads `document.body`). Worse, its `head`/`body` getters
 *   *insert* a new element when `<head>` is not the first child of `<html>` or `<body>` does not
 *   directly follow it, so merely reading `document.body` later could mutate the document.
 *   We normalise the skeleton to `<html><head>…</head><body>…</body></html>` once, here.
 * - Documents have no `URL`/`documentURI`, and `baseURI` is the raw `<base href>` (unresolved) or
 *   null. We define them from `url` so that Readability resolves relative links the way a browser
 *   does and `extractArticle` can report the page URL.
 */
import { parseHTML } from 'linkedom';

/** Elements that belong in `<head>` when they lead a fragment. */
const HEAD_TAGS = new Set(['TITLE', 'META', 'LINK', 'BASE', 'STYLE']);

export function parseHtml(html: string, url?: string): Document {
  let document = parseHTML(html).document as unknown as Document;
  if (document.documentElement?.tagName !== 'HTML') {
    // A fragment: give it the skeleton a browser's parser would.
    document = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`)
      .document as unknown as Document;
    hoistLeadingHeadElements(document);
  }
  normaliseSkeleton(document);
  defineUrls(document, url);
  return document;
}

/** Make `<html>` hold exactly a `<head>` then a `<body>`, moving stray children into them in order. */
function normaliseSkeleton(document: Document): void {
  const root = document.documentElement;
  const children = Array.from(root.childNodes);
  const isTag = (node: Node, tag: string): boolean => node.nodeType === 1 && (node as Element).tagName === tag;
  // Find them ourselves: linkedom's `head`/`body` getters insert a new element whenever `<head>`
  // is not the first child or `<body>` does not follow it.
  let head = children.find((node) => isTag(node, 'HEAD')) as Element | undefined;
  let body = children.find((node) => isTag(node, 'BODY')) as Element | undefined;
  const before: ChildNode[] = [];
  const after: ChildNode[] = [];
  let seenBody = false;
  for (const node of children) {
    if (node === head) continue;
    if (node === body) {
      seenBody = true;
      continue;
    }
    (seenBody ? after : before).push(node);
  }
  head ??= document.createElement('head');
  body ??= document.createElement('body');
  root.insertBefore(head, root.firstChild);
  root.insertBefore(body, head.nextSibling);

  const firstBodyChild = body.firstChild;
  let inHead = true;
  for (const node of before) {
    if (node.nodeType === 1 && !HEAD_TAGS.has((node as Element).tagName)) inHead = false;
    if (inHead && node.nodeType === 1) head.appendChild(node);
    else body.insertBefore(node, firstBodyChild);
  }
  for (const node of after) body.appendChild(node);
}

/** In a wrapped fragment, `<title>`/`<meta>`… that come before any content go to `<head>`. */
function hoistLeadingHeadElements(document: Document): void {
  const { head, body } = document;
  for (const node of Array.from(body.childNodes)) {
    if (node.nodeType === 3 && !node.textContent?.trim()) continue;
    if (node.nodeType === 8) continue;
    if (node.nodeType !== 1 || !HEAD_TAGS.has((node as Element).tagName)) break;
    head.appendChild(node);
  }
}

function defineUrls(document: Document, url: string | undefined): void {
  let documentURI = 'about:blank';
  if (url) {
    try {
      documentURI = new URL(url).href;
    } catch {
      // Not an absolute URL: keep about:blank rather than a string browsers would never report.
    }
  }
  const baseURI = (): string => {
    const href = document.querySelector('base[href]')?.getAttribute('href');
    if (href) {
      try {
        return new URL(href, documentURI).href;
      } catch {
        // An unusable <base>: browsers fall back to the document URL.
      }
    }
    return documentURI;
  };
  Object.defineProperties(document, {
    URL: { get: () => documentURI, configurable: true },
    documentURI: { get: () => documentURI, configurable: true },
    baseURI: { get: baseURI, configurable: true },
  });
}
