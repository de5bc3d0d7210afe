import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decodeStream, formatStats } from './decode.command.js';

const A = '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A';
const B = '!AIVDM,1,1,,A,16SteH0P00Jt63hHaa6SagvJ087r,0*42';

function sink() {
  const chunks: string[] = [];
  const out = new Writable({
    highWaterMark: 16,
    write(chunk, _enc, cb) {
      chunks.push(chunk.toString());
      setImmediate(cb); // slow reader: exercises backpressure
    },
  });
  return { out, text: () => chunks.join('') };
}

describe('seawarden decode stream', () => {
  it('splits lines across chunk boundaries, CRLF or LF, last line without newline', async () => {
    const input = `${A}\r\n${B}\njunk\n${A}`;
    const chunks = [input.slice(0, 7), input.slice(7, 50), input.slice(50, 51), input.slice(51)];
    const { out, text } = sink();
    const c = await decodeStream(Readable.from(chunks.map((s) => Buffer.from(s, 'latin1'))), out, () => {
      throw new Error('no input error expected');
    });
    const msgs = text().trim().split('\n').map((l) => JSON.parse(l));
    expect(msgs.map((m) => [m.line, m.mmsi])).toEqual([
      [1, 371798000],
      [2, 440348000],
      [4, 371798000],
    ]);
    expect(c).toMatchObject({ lines: 4, messages: 3, rejected: { not_nmea: 1 } });
  });

  it('cuts a huge line without buffering it whole, rejects it and goes on', async () => {
    const huge = 'x'.repeat(5_000_000);
    const { out, text } = sink();
    const c = await decodeStream(Readable.from([Buffer.from(A + '\n' + huge.slice(0, 2_000_000)), Buffer.from(huge.slice(2_000_000) + '\n' + B + '\n')]), out, () => {});
    expect(text().trim().split('\n').map((l) => JSON.parse(l).line)).toEqual([1, 3]);
    expect(c!.rejected).toEqual({ line_too_long: 1 });
  });

  it('skips a UTF-8 byte order mark', async () => {
    const { out, text } = sink();
    const c = await decodeStream(Readable.from([Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(A + '\n')])]), out, () => {});
    expect(c).toMatchObject({ lines: 1, messages: 1 });
    expect(JSON.parse(text()).line).toBe(1);
  });

  it('reports an input error and returns null', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('disk on fire'));
      },
    });
    let reported = '';
    const { out } = sink();
    expect(await decodeStream(failing, out, (e) => (reported = e.message))).toBeNull();
    expect(reported).toBe('disk on fire');
  });

  it('prints decoded and rejected lines by reason', () => {
    const s = formatStats({ lines: 10, messages: 6, consumedLines: 7, rejected: { bad_checksum: 2, not_nmea: 1 }, warnings: { glued_line: 1 } });
    expect(s).toContain('decoded lines    7   (6 messages)');
    expect(s).toMatch(/rejected lines   3\n  bad_checksum\s+2\n  not_nmea\s+1/);
    expect(s).toContain('glued_line');
  });
});
