import { Marked, type Tokens } from 'marked';
import type { Locale } from '../reference/index.ts';
import type { GlossaryTerm } from './schema.ts';

const IMAGE_EXT = /\.(svg|png|jpe?g|webp|gif)$/i;
const VIDEO_EXT = /\.(mp4|webm)$/i;
const CALLOUTS = ['NOTE', 'TIP', 'WARNING', 'CASE'] as const;
export type CalloutKind = (typeof CALLOUTS)[number];

export interface RenderOptions {
  locale: Locale;
  /** URL prefix under which the course folder's files are served. */
  assetBase: string;
  glossary: readonly GlossaryTerm[];
  /** Titles of callouts in the reader's language. */
  calloutTitles: Record<CalloutKind, string>;
  /** Does a file exist in the course folder? (validation only) */
  fileExists?: (relativePath: string) => boolean;
}

export interface RenderedLesson {
  html: string;
  /** Glossary terms the lesson links to, in order of first use. */
  terms: GlossaryTerm[];
  /** Problems that make the lesson invalid (missing alt text, files, terms; raw HTML; an H1). */
  problems: string[];
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A relative path inside the course folder, or null if it would leave it. */
function safeRelative(path: string): string | null {
  if (!path || path.startsWith('/') || path.includes('\\') || /^[a-z]+:/i.test(path)) return null;
  const parts = path.split('/');
  if (parts.some((p) => p === '..' || p === '.' || p === '')) return null;
  return path;
}

/**
 * Renders a lesson's Markdown to HTML for one reader and reports what is wrong with it.
 * Raw HTML is never passed through (it is escaped and reported), links may only go to the
 * web, to e-mail, to the page itself or to glossary terms, and media must be files of the
 * course folder with alt text (and captions for video).
 */
export function renderLesson(markdown: string, options: RenderOptions): RenderedLesson {
  const problems: string[] = [];
  const terms: GlossaryTerm[] = [];
  const glossary = new Map(options.glossary.map((g) => [g.id, g]));
  const marked = new Marked({ gfm: true, async: false });

  marked.use({
    // Raw HTML anywhere — also where no renderer would show it, such as inside an image's alt
    // text, where it still switches marked into "raw" mode for the text that follows.
    walkTokens(token) {
      if (token.type === 'html') problems.push(`raw HTML is not allowed: ${token.text.trim().slice(0, 40)}`);
    },
    renderer: {
      text(token: Tokens.Text | Tokens.Escape) {
        // marked leaves text unescaped after a raw <code>/<pre>/<script> tag: never trust that.
        if ('escaped' in token && token.escaped && !('tokens' in token && token.tokens)) return escapeHtml(token.text);
        return false;
      },
      html(token: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(token.text);
      },
      heading(token: Tokens.Heading) {
        if (token.depth === 1) problems.push('use ## for sections: the page already has the lesson title as # heading');
        const level = Math.max(2, token.depth);
        return `<h${level}>${this.parser.parseInline(token.tokens)}</h${level}>\n`;
      },
      link(token: Tokens.Link) {
        const inner = this.parser.parseInline(token.tokens);
        if (token.href.startsWith('glossary:')) {
          const term = glossary.get(token.href.slice('glossary:'.length));
          if (!term) {
            problems.push(`unknown glossary term "${token.href.slice(9)}"`);
            return inner;
          }
          if (!terms.includes(term)) terms.push(term);
          return `<a class="term" href="#term-${term.id}">${inner}</a>`;
        }
        if (/^(https?:|mailto:|#)/i.test(token.href)) {
          const external = /^https?:/i.test(token.href);
          return `<a href="${escapeHtml(token.href)}"${external ? ' rel="noopener noreferrer"' : ''}>${inner}</a>`;
        }
        problems.push(`link target not allowed: ${token.href}`);
        return inner;
      },
      image(token: Tokens.Image) {
        const path = safeRelative(token.href);
        const alt = token.text.trim();
        if (!path) {
          problems.push(`media must be a file of the course folder: ${token.href}`);
          return escapeHtml(alt);
        }
        if (!alt) problems.push(`missing alt text for ${path}`);
        if (options.fileExists && !options.fileExists(path)) problems.push(`missing file ${path}`);
        const src = `${options.assetBase}/${path}`;
        if (VIDEO_EXT.test(path)) {
          const captions = path.replace(VIDEO_EXT, `.${options.locale}.vtt`);
          if (options.fileExists && !options.fileExists(captions)) problems.push(`missing captions ${captions}`);
          return `<figure class="media"><video controls preload="metadata" aria-label="${escapeHtml(alt)}"><source src="${escapeHtml(src)}"><track kind="captions" srclang="${options.locale}" src="${escapeHtml(`${options.assetBase}/${captions}`)}" default></video><figcaption>${escapeHtml(alt)}</figcaption></figure>`;
        }
        if (!IMAGE_EXT.test(path)) problems.push(`unsupported media type: ${path}`);
        return `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" loading="lazy">`;
      },
      blockquote(token: Tokens.Blockquote) {
        const match = /^\s*\[!(\w+)\]\s*/.exec(token.text);
        const kind = match?.[1]?.toUpperCase() as CalloutKind | undefined;
        if (!match || !kind || !CALLOUTS.includes(kind)) {
          return `<blockquote>${this.parser.parse(token.tokens)}</blockquote>\n`;
        }
        // Drop the [!KIND] marker from the first paragraph.
        const [first, ...rest] = token.tokens;
        if (first?.type === 'paragraph') {
          const paragraph = first as Tokens.Paragraph;
          const text = paragraph.text.replace(/^\s*\[!\w+\]\s*/, '');
          const inner = marked.Lexer.lexInline(text);
          const body = text ? `<p>${this.parser.parseInline(inner)}</p>` : '';
          return `<aside class="callout callout-${kind.toLowerCase()}" role="note"><p class="callout-title">${escapeHtml(options.calloutTitles[kind])}</p>${body}${this.parser.parse(rest)}</aside>\n`;
        }
        return `<aside class="callout callout-${kind.toLowerCase()}" role="note"><p class="callout-title">${escapeHtml(options.calloutTitles[kind])}</p>${this.parser.parse(token.tokens)}</aside>\n`;
      },
    },
  });

  const html = marked.parse(markdown) as string;
  return { html, terms, problems };
}
