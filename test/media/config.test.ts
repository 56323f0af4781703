import os from 'node:os';

import { describe, expect, it } from 'vitest';

import { loadMediaConfig, MediaConfigError } from '../../server/media/config';

describe('media configuration', () => {
  it('defaults to one worker per core on loopback, ports 40000-40999, no TURN', () => {
    expect(loadMediaConfig({})).toEqual({
      workerCount: os.availableParallelism(),
      listenIp: '127.0.0.1',
      announcedIp: undefined,
      rtcMinPort: 40000,
      rtcMaxPort: 40999,
      iceServers: [],
    });
  });

  it('reads every variable', () => {
    const config = loadMediaConfig({
      MEDIA_WORKERS: '3',
      MEDIA_LISTEN_IP: '0.0.0.0',
      MEDIA_ANNOUNCED_IP: '2001:db8::10',
      MEDIA_RTC_MIN_PORT: '50000',
      MEDIA_RTC_MAX_PORT: '50099',
      MEDIA_TURN_SERVERS: JSON.stringify([
        {
          urls: ['turns:turn.example.org:443?transport=tcp'],
          username: 'archipel',
          credential: 'x',
        },
      ]),
    });

    expect(config.workerCount).toBe(3);
    expect(config.announcedIp).toBe('2001:db8::10');
    expect([config.rtcMinPort, config.rtcMaxPort]).toEqual([50000, 50099]);
    expect(config.iceServers[0].urls).toEqual(['turns:turn.example.org:443?transport=tcp']);
  });

  it.each([
    [{ MEDIA_WORKERS: '0' }, 'MEDIA_WORKERS'],
    [{ MEDIA_LISTEN_IP: 'media.example.org' }, 'MEDIA_LISTEN_IP'],
    [{ MEDIA_RTC_MIN_PORT: '80' }, 'MEDIA_RTC_MIN_PORT'],
    [{ MEDIA_RTC_MIN_PORT: '41000', MEDIA_RTC_MAX_PORT: '40000' }, 'MEDIA_RTC_MAX_PORT'],
    [
      { MEDIA_WORKERS: '4', MEDIA_RTC_MIN_PORT: '40000', MEDIA_RTC_MAX_PORT: '40002' },
      'MEDIA_RTC_MAX_PORT',
    ],
    [{ MEDIA_LISTEN_IP: '0.0.0.0' }, 'MEDIA_ANNOUNCED_IP'],
    [{ MEDIA_TURN_SERVERS: 'turn:turn.example.org' }, 'MEDIA_TURN_SERVERS'],
    [{ MEDIA_TURN_SERVERS: '[{"username":"archipel"}]' }, 'MEDIA_TURN_SERVERS'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadMediaConfig(env)).toThrow(MediaConfigError);
    expect(() => loadMediaConfig(env)).toThrow(`Configuration error: ${variable} `);
  });

  it('does not echo TURN credentials in its error', () => {
    const env = { MEDIA_TURN_SERVERS: '[{"urls": 42, "credential": "s3cret"}]' };
    expect(() => loadMediaConfig(env)).toThrow(/^(?!.*s3cret).*$/s);
  });
});
