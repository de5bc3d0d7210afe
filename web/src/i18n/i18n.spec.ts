import { describe, expect, it } from 'vitest';
import { ALERT_RULES, SEVERITIES, ZONE_KINDS, ROLES } from '@seawarden/contracts';
import { DICTIONARIES, t } from './i18n.js';
import type { MessageKey } from './zh-CN.js';

const zh = DICTIONARIES['zh-CN'];
const en = DICTIONARIES.en;

describe('i18n dictionaries', () => {
  it('have the same keys in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('have a non-empty, distinct string for every key', () => {
    for (const key of Object.keys(zh) as MessageKey[]) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(en[key], `${key} is the same in both languages`).not.toBe(zh[key]);
    }
  });

  it('cover every rule, severity, zone kind and role of the contracts', () => {
    const keys = new Set(Object.keys(zh));
    for (const r of ALERT_RULES) expect(keys.has(`rule.${r}`), r).toBe(true);
    for (const s of SEVERITIES) expect(keys.has(`severity.${s}`), s).toBe(true);
    for (const k of ZONE_KINDS) expect(keys.has(`zoneKind.${k}`), k).toBe(true);
    for (const r of ROLES) expect(keys.has(`role.${r}`), r).toBe(true);
  });

  it('translates by the requested language', () => {
    expect(t('feed.title', 'en')).toBe('Alerts');
    expect(t('feed.title', 'zh-CN')).toBe('告警');
  });
});
