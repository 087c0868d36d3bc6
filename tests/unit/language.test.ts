import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../lib/extract';
import { parseHtml } from '../../lib/html';
import { detectLanguage } from '../../lib/language';

const SHARED = path.resolve(__dirname, '../../../shared');
const SEEDS_DIR = path.join(SHARED, 'seeds');
const PAGES_DIR = path.join(SHARED, 'pages');

const seedText = (prefix: string): string => {
  const file = readdirSync(SEEDS_DIR).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  if (!file) throw new Error(`no seed ${prefix}* in ${SEEDS_DIR}`);
  return readFileSync(path.join(SEEDS_DIR, file), 'utf8');
};

const pageText = (page: string): string => {
  const article = extractArticle(parseHtml(readFileSync(path.join(PAGES_DIR, page, 'source.html'), 'utf8')));
  if (!article) throw new Error(`no article in ${page}`);
  return article.text;
};

describe('detectLanguage', () => {
  it('English on a seed article', () => {
    const result = detectLanguage(seedText('000_'));
    expect(result?.language).toBe('en');
    expect(result?.confidence).toBeGreaterThan(0.5);
  });

  it("French on lemonde-1's text", () => {
    const result = detectLanguage(pageText('lemonde-1'));
    expect(result?.language).toBe('fr');
    expect(result?.confidence).toBeGreaterThan(0.5);
  });

  it('every real page: the language it states, English where it states none (cnn, wapo-1)', () => {
    for (const page of readdirSync(PAGES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      const meta = JSON.parse(readFileSync(path.join(PAGES_DIR, page.name, 'expected-metadata.json'), 'utf8')) as {
        lang?: string;
      };
      const expected = (meta.lang ?? 'en').split('-')[0]!.toLowerCase();
      expect(detectLanguage(pageText(page.name))?.language, page.name).toBe(expected);
    }
  });

  it.each([
    ['de', 'Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen, das die Mieten in den großen Städten begrenzen soll.'],
    ['de', 'Nach Angaben der Polizei wurden bei dem Unfall auf der Autobahn zwei Menschen schwer verletzt.'],
    ['es', 'El gobierno anunció el martes un nuevo plan para reducir el precio de la vivienda en las grandes ciudades del país.'],
    ['es', 'Según la policía, dos personas resultaron heridas de gravedad en el accidente, que ocurrió por la noche.'],
    ['fr', "Le gouvernement a adopté mercredi une nouvelle loi qui doit limiter les loyers dans les grandes villes."],
    ['it', 'Il governo ha approvato ieri una nuova legge che limita gli affitti nelle grandi città del paese.'],
    ['pt', 'O governo aprovou ontem uma nova lei que limita os aluguéis nas grandes cidades do país, segundo o ministro.'],
    ['nl', 'De regering heeft woensdag een nieuwe wet aangenomen die de huren in de grote steden moet beperken.'],
    ['ru', 'Правительство в среду одобрило новый закон, который должен ограничить арендную плату в крупных городах.'],
    ['en', "It's a law they don't like, and we're told it'll pass anyway."],
    // By the script alone.
    ['zh', '北京时间周二，政府宣布了一项新的住房计划，以降低大城市的房价。'],
    ['ja', '政府は火曜日、大都市の住宅価格を下げるための新しい計画を発表した。'],
    ['ko', '정부는 화요일 대도시의 집값을 낮추기 위한 새로운 계획을 발표했다.'],
    ['ar', 'أعلنت الحكومة يوم الثلاثاء عن خطة جديدة لخفض أسعار المساكن في المدن الكبرى.'],
    ['he', 'הממשלה הודיעה ביום שלישי על תוכנית חדשה להורדת מחירי הדיור בערים הגדולות.'],
    ['el', 'Η κυβέρνηση ανακοίνωσε την Τρίτη ένα νέο σχέδιο για τη μείωση των τιμών των κατοικιών στις μεγάλες πόλεις.'],
  ])('%s: %s', (language, text) => {
    expect(detectLanguage(text)?.language).toBe(language);
  });

  it('null when the text is too short or has no stop words', () => {
    expect(detectLanguage('Hello there world')).toBeNull();
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('Bridge closure: 12 million pounds, six weeks, 40,000 vehicles')).toBeNull();
  });

  it('a script of its own with a few English names in it is still not English', () => {
    expect(detectLanguage('特朗普（Donald Trump）和普京（Vladimir Putin）周五在阿拉斯加举行峰会，但没有达成任何协议。')?.language).toBe('zh');
  });

  it('undetermined ("und") for a long Latin-script text with almost no stop words of the listed languages', () => {
    const turkish =
      'Trump ve Putin Cuma günü Alaska’da bir araya geldi ancak Ukrayna konusunda herhangi bir anlaşma sağlanamadı. ' +
      'İki lider yaklaşık üç saat görüştü ve ardından gazetecilerin sorularını yanıtlamadan salondan ayrıldı.';
    expect(detectLanguage(turkish)?.language).toBe('und');
  });

  it('confidence is the winner’s share, in (0, 1]', () => {
    const ru = detectLanguage('Правительство в среду одобрило новый закон, который должен ограничить арендную плату в крупных городах.');
    expect(ru).toEqual({ language: 'ru', confidence: 1 });
    const en = detectLanguage(seedText('000_'));
    expect(en!.confidence).toBeGreaterThan(0);
    expect(en!.confidence).toBeLessThanOrEqual(1);
  });

  it('reads only the start of a long text (~2,000 words)', () => {
    const english = seedText('000_').split(/\s+/).filter(Boolean);
    const start = Array.from({ length: 2100 }, (_, i) => english[i % english.length]).join(' ');
    const french = pageText('lemonde-1');
    const tail = Array.from({ length: 5 }, () => french).join('\n');
    expect(detectLanguage(`${start}\n${tail}`)?.language).toBe('en');
  });
});
