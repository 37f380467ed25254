import { describe, expect, it } from 'vitest';
import { renderLesson, type RenderOptions } from './markdown.ts';

const options: RenderOptions = {
  locale: 'lv',
  assetBase: '/courses/demo/assets',
  glossary: [{ id: 'plain', term: { lv: 'vienkāršā valoda', en: 'plain language' }, definition: { lv: 'd', en: 'd' } }],
  calloutTitles: { NOTE: 'Piezīme', TIP: 'Padoms', WARNING: 'Uzmanību', CASE: 'Gadījums no prakses' },
  fileExists: (path) => ['images/a.svg', 'media/v.mp4', 'media/v.lv.vtt'].includes(path),
};

describe('renderLesson', () => {
  it('renders callouts as notes with a translated title', () => {
    const { html, problems } = renderLesson('> [!CASE]\n> Vecāku sapulce.', options);
    expect(problems).toEqual([]);
    expect(html).toContain(
      '<aside class="callout callout-case" role="note"><p class="callout-title">Gadījums no prakses</p><p>Vecāku sapulce.</p>',
    );
  });

  it('links glossary terms and lists them once', () => {
    const { html, terms } = renderLesson('[vienkāršā valoda](glossary:plain) un [vēlreiz](glossary:plain)', options);
    expect(html).toContain('<a class="term" href="#term-plain">vienkāršā valoda</a>');
    expect(terms.map((t) => t.id)).toEqual(['plain']);
  });

  it('serves images from the course and requires alt text', () => {
    expect(renderLesson('![Karte](images/a.svg)', options).html).toContain(
      '<img src="/courses/demo/assets/images/a.svg" alt="Karte" loading="lazy">',
    );
    expect(renderLesson('![](images/a.svg)', options).problems).toContain('missing alt text for images/a.svg');
    expect(renderLesson('![x](images/b.svg)', options).problems).toContain('missing file images/b.svg');
  });

  it('plays video with captions in the reader’s language', () => {
    const { html, problems } = renderLesson('![Ievada video](media/v.mp4)', options);
    expect(problems).toEqual([]);
    expect(html).toContain('<track kind="captions" srclang="lv" src="/courses/demo/assets/media/v.lv.vtt" default>');
    expect(renderLesson('![Video](media/v.mp4)', { ...options, locale: 'en' }).problems).toContain(
      'missing captions media/v.en.vtt',
    );
  });

  it.each([
    ['<script>alert(1)</script>', 'raw HTML'],
    ['<img src=x onerror=alert(1)>', 'raw HTML'],
    ['[klikšķis](javascript:alert(1))', 'link target not allowed'],
    ['![x](../../etc/passwd.png)', 'media must be a file of the course folder'],
    ['![x](/etc/a.svg)', 'media must be a file of the course folder'],
    ['# Virsraksts', 'use ## for sections'],
    ['![a <code>](images/a.svg) then <img/src=x onerror=alert(1)>', 'raw HTML'],
    ['[x](glossary:missing)', 'unknown glossary term'],
  ])('refuses %j (%s) and never outputs it as markup', (markdown, problem) => {
    const { html, problems } = renderLesson(markdown, options);
    expect(problems.join(' ')).toContain(problem);
    expect(html).not.toMatch(/<script|<img[^>]*onerror|href="javascript:|\.\.\/\.\./);
  });
});
