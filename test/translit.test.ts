import { describe, expect, it } from 'vitest';
import { gazetteerLoads, lookUpPlace } from '../pipeline/lib/gazetteer.ts';
import { hanyuPinyin, russianLatin } from '../pipeline/lib/translit.ts';

describe('Chinese names to Hanyu Pinyin with tone marks', () => {
  it.each([
    ['胡春华', 'person', 'Hú Chūnhuá'],
    ['杨洁篪', 'person', 'Yáng Jiéchí'],
    ['华春莹', 'person', 'Huà Chūnyíng'],
    ['马朝旭', 'person', 'Mǎ Cháoxù'],
    ['黑河', 'name', 'Hēihé'],
    ['西宁', 'name', 'Xīníng'],
    ['北斗', 'name', 'Běidǒu'],
    ['斗争', 'term', 'dòu zhēng'],
    ['准同盟', 'term', 'zhǔn tóng méng'],
  ] as const)('%s → %s', (zh, style, expected) => {
    expect(hanyuPinyin(zh, style)).toBe(expected);
  });
});

describe('Russian names to BGN/PCGN', () => {
  it.each([
    ['Андрей Денисов', 'Andrey Denisov'],
    ['Андре́й Дени́сов', 'Andrey Denisov'],
    ['Сергей Рябков', 'Sergey Ryabkov'],
    ['Мария Захарова', 'Mariya Zakharova'],
    ['Благовещенск', 'Blagoveshchensk'],
    ['Центр-2019', 'Tsentr-2019'],
    ['Ёлкин', 'Yëlkin'],
  ])('%s → %s', (ru, expected) => {
    expect(russianLatin(ru)).toBe(expected);
  });
});

describe('the gazetteer', () => {
  it('picks the Blagoveshchensk on the Amur, not its namesake in Bashkortostan', () => {
    const hit = lookUpPlace('Blagoveshchensk', 'RU')!;
    expect(hit.geonames_id).toBe(2026609);
    expect(hit.namesakes).toBe(2);
    expect(hit.latitude).toBeCloseTo(50.28, 1);
    expect(hit.longitude).toBeCloseTo(127.54, 1);
    expect(lookUpPlace('Blagoveshchensk', 'RU', 576116)!.longitude).toBeCloseTo(55.98, 1);
  });

  it('disambiguates by country, and says when it has no such place', () => {
    expect(lookUpPlace('Moscow', 'RU')!.geonames_id).toBe(524901);
    expect(lookUpPlace('Moscow', 'US')!.geonames_id).not.toBe(524901);
    expect(lookUpPlace('Tongjiang', 'CN')).toBeNull();
    expect(lookUpPlace('Blagoveshchensk', 'RU', 1)).toBeNull();
  });

  it('is read once per process, however many look-ups', () => {
    for (const n of ['Beijing', 'Tashkent', 'Sochi']) lookUpPlace(n, 'CN');
    expect(gazetteerLoads()).toBe(1);
  });
});
