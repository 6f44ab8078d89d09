import { describe, expect, it } from 'vitest';
import { localizedField, localizedName } from '@/lib/i18n/localized-name';

describe('localizedName: data stored in both languages', () => {
  it('shows the Thai text to a Thai visitor', () => {
    expect(localizedName('th', 'Bay 1', 'เบย์ 1')).toBe('เบย์ 1');
    expect(localizedField('th', { name: 'Golf Hat', nameTh: 'หมวกกอล์ฟ' })).toBe('หมวกกอล์ฟ');
  });

  it('shows the English text in English, whatever Thai is stored', () => {
    expect(localizedName('en', 'Bay 1', 'เบย์ 1')).toBe('Bay 1');
    expect(localizedField('en', { name: 'Golf Hat', nameTh: 'หมวกกอล์ฟ' })).toBe('Golf Hat');
  });

  it('falls back to English when no Thai text is stored (null, absent, blank)', () => {
    expect(localizedName('th', 'AI Lab', null)).toBe('AI Lab');
    expect(localizedName('th', 'AI Lab', undefined)).toBe('AI Lab');
    expect(localizedName('th', 'AI Lab', '   ')).toBe('AI Lab');
    expect(localizedField('th', { name: 'Drink Voucher' })).toBe('Drink Voucher');
  });
});
