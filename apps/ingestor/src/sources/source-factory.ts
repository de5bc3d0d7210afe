/** Turns a configured feed into a running source object. */
import type { FeedSpec } from '@seawarden/config';
import type { FeedSource } from './feed-source.js';
import { FileReplaySource } from './file-replay.source.js';
import { HttpIngestSource } from './http-ingest.source.js';
import { TcpClientSource } from './tcp-client.source.js';
import { TcpServerSource } from './tcp-server.source.js';
import { UdpSource } from './udp.source.js';
import { SimulatorSource } from './simulator.source.js';

export type SourceFactory = (spec: FeedSpec) => FeedSource;

export const createSource: SourceFactory = (spec) => {
  switch (spec.kind) {
    case 'tcp-client':
      return new TcpClientSource(spec);
    case 'tcp-server':
      return new TcpServerSource(spec);
    case 'udp':
      return new UdpSource(spec);
    case 'file':
      return new FileReplaySource(spec);
    case 'http':
      return new HttpIngestSource(spec.id);
    case 'simulator':
      return new SimulatorSource(spec);
  }
};
