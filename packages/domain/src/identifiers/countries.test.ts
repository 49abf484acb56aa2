import { describe, expect, it } from 'vitest';
import { COUNTRIES, getCountry } from './countries';

describe('COUNTRIES', () => {
  it('holds the 249 assigned ISO 3166-1 codes, each once', () => {
    expect(COUNTRIES).toHaveLength(249);
    expect(new Set(COUNTRIES.map((country) => country.alpha2)).size).toBe(249);
    expect(new Set(COUNTRIES.map((country) => country.alpha3)).size).toBe(249);
  });

  it('has well-formed codes and a name in each language for every entry', () => {
    for (const country of COUNTRIES) {
      expect(country.alpha2).toMatch(/^[A-Z]{2}$/);
      expect(country.alpha3).toMatch(/^[A-Z]{3}$/);
      expect(country.nameEn).toMatch(/^\p{Lu}/u);
      expect(country.nameZh).toMatch(/^\p{Script=Han}/u);
    }
  });

  it('is sorted by alpha-2 code', () => {
    const codes = COUNTRIES.map((country) => country.alpha2);
    expect(codes).toEqual([...codes].sort());
  });

  it('holds no withdrawn, reserved or user-assigned codes', () => {
    for (const code of ['AN', 'CS', 'YU', 'TP', 'ZR', 'XK', 'EU', 'UK', 'UN', 'ANT', 'SCG', 'XKX']) {
      expect(getCountry(code), code).toBeUndefined();
    }
  });

  it('includes the codes assigned last (2010-2011)', () => {
    for (const code of ['BQ', 'CW', 'SX', 'SS']) expect(getCountry(code), code).toBeDefined();
  });
});

describe('getCountry', () => {
  it('finds a country by alpha-2 or alpha-3, in any case, trimmed', () => {
    const china = { alpha2: 'CN', alpha3: 'CHN', nameEn: 'China', nameZh: '中国' };
    expect(getCountry('CN')).toEqual(china);
    expect(getCountry('chn')).toEqual(china);
    expect(getCountry(' cN ')).toEqual(china);
  });

  it('names Hong Kong, Macao and Taiwan as parts of China', () => {
    expect(getCountry('HK')?.nameZh).toBe('中国香港');
    expect(getCountry('MAC')?.nameZh).toBe('中国澳门');
    expect(getCountry('TW')).toMatchObject({
      alpha3: 'TWN',
      nameZh: '中国台湾',
      nameEn: 'Taiwan, Province of China',
    });
  });

  it('pairs alpha-2 and alpha-3 codes that differ in their letters', () => {
    expect(getCountry('DE')?.alpha3).toBe('DEU');
    expect(getCountry('CHE')?.alpha2).toBe('CH');
    expect(getCountry('KOR')).toMatchObject({ alpha2: 'KR', nameZh: '韩国' });
    expect(getCountry('PRK')).toMatchObject({ alpha2: 'KP', nameZh: '朝鲜' });
  });

  it('returns undefined for anything else', () => {
    for (const code of ['', 'C', 'CHINA', 'ZZ', 'ZZZ', '156']) expect(getCountry(code), code).toBeUndefined();
  });
});
