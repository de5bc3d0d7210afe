import { describe, expect, it } from 'vitest';
import { sentenceTimeMs } from './sentence-time.js';

describe('sentenceTimeMs', () => {
  it('reads c: from the tag block in seconds or milliseconds', () => {
    expect(sentenceTimeMs('\\s:rx,c:1751328000*5A\\!AIVDM,1,1,,A,1,0*00')).toBe(1_751_328_000_000);
    expect(sentenceTimeMs('\\c:1751328000123,s:rx*5A\\!AIVDM,1,1,,A,1,0*00')).toBe(1_751_328_000_123);
  });
  it('reads a trailing unix time after the checksum', () => {
    expect(sentenceTimeMs('!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24,1751328000.5')).toBe(1_751_328_000_500);
  });
  it('is null without a time', () => {
    expect(sentenceTimeMs('!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24')).toBeNull();
    expect(sentenceTimeMs('\\s:rx*00\\!AIVDM,1,1,,A,1,0*00')).toBeNull();
  });
});
