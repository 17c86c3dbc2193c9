import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseIceUrl } from './ice-url.js';
import {
  allocateRequest,
  bindingRequest,
  decodeMessage,
  encodeMessage,
  longTermKey,
  messageType,
  readErrorCode,
  readText,
  readXorAddress,
  refreshRequest,
  StunAttr,
  StunClass,
  StunMethod,
  textAttribute,
  verifyIntegrity,
} from './stun-message.js';

const hex = (...parts: string[]) => Buffer.from(parts.join(''), 'hex');

// RFC 5769 test vectors.
const SHORT_TERM_PASSWORD = Buffer.from('VOkJxbRl1RmTxUk/WvJxBt');
/** §2.1: Binding request, short-term credentials, MESSAGE-INTEGRITY then FINGERPRINT. */
const SAMPLE_REQUEST = hex(
  '000100582112a442b7e7a701bc34d686fa87dfae',
  '80220010',
  Buffer.from('STUN test client').toString('hex'),
  '00240004',
  '6e0001ff',
  '80290008',
  '932ff9b151263b36',
  '00060009',
  '6576746a3a68367659202020',
  '00080014',
  '9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2',
  '80280004',
  'e57a3bcf',
);
/** §2.2: IPv4 Binding success, XOR-MAPPED-ADDRESS 192.0.2.1:32853. */
const SAMPLE_RESPONSE_V4 = hex(
  '0101003c2112a442b7e7a701bc34d686fa87dfae',
  '8022000b',
  '7465737420766563746f7220',
  '00200008',
  '0001a147e112a643',
  '00080014',
  '2b91f599fd9e90c38c7489f92af9ba53f06be7d7',
  '80280004',
  'c07d4c96',
);
/** §2.3: IPv6 Binding success, XOR-MAPPED-ADDRESS [2001:db8:1234:5678:11:2233:4455:6677]:32853. */
const SAMPLE_RESPONSE_V6 = hex(
  '010100482112a442b7e7a701bc34d686fa87dfae',
  '8022000b',
  '7465737420766563746f7220',
  '00200014',
  '0002a1470113a9faa5d3f179bc25f4b5bed2b9d9',
  '00080014',
  'a382954e4be67bf11784c97c8292c275bfe3ed41',
  '80280004',
  'c8fb0b4c',
);
/** §2.4: Binding request with long-term credentials (the password after SASLprep is "TheMatrIX"). */
const SAMPLE_LONG_TERM_REQUEST = hex(
  '000100602112a44278ad3433c6ad72c029da412e',
  '00060012',
  'e3839ee38388e383aae38383e382afe382b90000',
  '0015001c',
  Buffer.from('f//499k954d6OL34oL9FSTvy64sA').toString('hex'),
  '0014000b',
  '6578616d706c652e6f726700',
  '00080014',
  'f67024656dd64a3e02b8e0712e85c9a28ca89666',
);
const LONG_TERM_USERNAME = '\u30de\u30c8\u30ea\u30c3\u30af\u30b9';

describe('STUN message type', () => {
  it('interleaves method and class bits as RFC 5389 §6 draws them', () => {
    expect(messageType(StunMethod.Binding, StunClass.Request)).toBe(0x0001);
    expect(messageType(StunMethod.Binding, StunClass.Success)).toBe(0x0101);
    expect(messageType(StunMethod.Allocate, StunClass.Request)).toBe(0x0003);
    expect(messageType(StunMethod.Allocate, StunClass.Success)).toBe(0x0103);
    expect(messageType(StunMethod.Allocate, StunClass.Error)).toBe(0x0113);
    expect(messageType(StunMethod.Refresh, StunClass.Request)).toBe(0x0004);
  });
});

describe('encodeMessage / decodeMessage', () => {
  it('round-trips methods, classes and attributes of every padding length', () => {
    const transactionId = Buffer.from('0123456789ab');
    const attributes = ['', 'a', 'ab', 'abc', 'abcd', 'abcde'].map((text, i) => textAttribute(0x8000 + i, text));
    for (const method of [StunMethod.Binding, StunMethod.Allocate, StunMethod.Refresh]) {
      for (const cls of [StunClass.Request, StunClass.Indication, StunClass.Success, StunClass.Error]) {
        const bytes = encodeMessage({ method, cls, transactionId, attributes });
        expect(bytes.length % 4).toBe(0);
        expect(decodeMessage(bytes)).toEqual({ method, cls, transactionId, attributes });
      }
    }
  });

  it('decodes the RFC 5769 samples, whose padding is spaces rather than zeros', () => {
    const request = decodeMessage(SAMPLE_REQUEST);
    expect(request).toMatchObject({ method: StunMethod.Binding, cls: StunClass.Request });
    expect(request && readText(request, StunAttr.Username)).toBe('evtj:h6vY');
    expect(decodeMessage(SAMPLE_RESPONSE_V4)).toMatchObject({ method: StunMethod.Binding, cls: StunClass.Success });
  });

  it('refuses what is not STUN', () => {
    expect(decodeMessage(Buffer.from('GET / HTTP/1.1\r\n\r\n'))).toBeUndefined();
    expect(decodeMessage(SAMPLE_REQUEST.subarray(0, 19))).toBeUndefined();
    expect(decodeMessage(SAMPLE_REQUEST.subarray(0, SAMPLE_REQUEST.length - 4))).toBeUndefined(); // length field disagrees
    const badCookie = Buffer.from(SAMPLE_REQUEST);
    badCookie.writeUInt32BE(0xdeadbeef, 4);
    expect(decodeMessage(badCookie)).toBeUndefined();
    const overrun = Buffer.from(SAMPLE_RESPONSE_V4);
    overrun.writeUInt16BE(0x00ff, 22); // SOFTWARE claims more bytes than the message holds
    expect(decodeMessage(overrun)).toBeUndefined();
  });
});

describe('MESSAGE-INTEGRITY', () => {
  it('builds the RFC 5769 §2.4 long-term request byte for byte', () => {
    const key = longTermKey(LONG_TERM_USERNAME, 'example.org', 'TheMatrIX');
    const attributes = [
      textAttribute(StunAttr.Username, LONG_TERM_USERNAME),
      textAttribute(StunAttr.Nonce, 'f//499k954d6OL34oL9FSTvy64sA'),
      textAttribute(StunAttr.Realm, 'example.org'),
    ];
    const transactionId = hex('78ad3433c6ad72c029da412e');
    const bytes = encodeMessage({ method: StunMethod.Binding, cls: StunClass.Request, transactionId, attributes }, key);
    expect(bytes.toString('hex')).toBe(SAMPLE_LONG_TERM_REQUEST.toString('hex'));
    expect(verifyIntegrity(SAMPLE_LONG_TERM_REQUEST, key)).toBe(true);
    expect(verifyIntegrity(SAMPLE_LONG_TERM_REQUEST, longTermKey(LONG_TERM_USERNAME, 'example.org', 'WrongPassword'))).toBe(false);
  });

  it('verifies the RFC 5769 short-term samples, with the length cut before FINGERPRINT', () => {
    for (const sample of [SAMPLE_REQUEST, SAMPLE_RESPONSE_V4, SAMPLE_RESPONSE_V6]) {
      expect(verifyIntegrity(sample, SHORT_TERM_PASSWORD)).toBe(true);
      expect(verifyIntegrity(sample, Buffer.from('not the password'))).toBe(false);
    }
  });

  it('signs authenticated requests as an independent HMAC over the adjusted header computes', () => {
    const auth = {
      username: '1700000000:doctor',
      realm: 'rashigo.test',
      nonce: 'abc123',
      key: longTermKey('1700000000:doctor', 'rashigo.test', 'pw'),
    };
    const { bytes } = allocateRequest(auth);
    const unsigned = Buffer.from(bytes.subarray(0, bytes.length - 24));
    // Already the final length: MESSAGE-INTEGRITY is the last attribute.
    expect(unsigned.readUInt16BE(2)).toBe(bytes.length - 20);
    const expected = createHmac('sha1', auth.key).update(unsigned).digest();
    expect(bytes.subarray(bytes.length - 20)).toEqual(expected);
    expect(bytes.readUInt16BE(bytes.length - 24)).toBe(StunAttr.MessageIntegrity);
  });
});

describe('requests', () => {
  it('uses a fresh random transaction id every time', () => {
    const ids = new Set(Array.from({ length: 50 }, () => bindingRequest().transactionId.toString('hex')));
    expect(ids.size).toBe(50);
  });

  it('asks Allocate for a UDP relay, with credentials after the challenge', () => {
    const first = decodeMessage(allocateRequest().bytes)!;
    expect(first.attributes).toEqual([{ type: StunAttr.RequestedTransport, value: Buffer.from([17, 0, 0, 0]) }]);
    const auth = { username: 'u', realm: 'r', nonce: 'n', key: longTermKey('u', 'r', 'p') };
    const second = decodeMessage(allocateRequest(auth).bytes)!;
    expect(second.attributes.map((attribute) => attribute.type)).toEqual([
      StunAttr.RequestedTransport,
      StunAttr.Username,
      StunAttr.Realm,
      StunAttr.Nonce,
      StunAttr.MessageIntegrity,
    ]);
    expect([readText(second, StunAttr.Username), readText(second, StunAttr.Realm), readText(second, StunAttr.Nonce)]).toEqual([
      'u',
      'r',
      'n',
    ]);
  });

  it('frees an allocation with a Refresh of LIFETIME 0', () => {
    const auth = { username: 'u', realm: 'r', nonce: 'n', key: longTermKey('u', 'r', 'p') };
    const { bytes } = refreshRequest(0, auth);
    const refresh = decodeMessage(bytes)!;
    expect(refresh.method).toBe(StunMethod.Refresh);
    expect(refresh.attributes[0]).toEqual({ type: StunAttr.Lifetime, value: Buffer.alloc(4) });
    expect(verifyIntegrity(bytes, auth.key)).toBe(true);
  });
});

describe('reading answers', () => {
  it('reads XOR-MAPPED-ADDRESS for IPv4 and IPv6', () => {
    expect(readXorAddress(decodeMessage(SAMPLE_RESPONSE_V4)!, StunAttr.XorMappedAddress)).toBe('192.0.2.1:32853');
    expect(readXorAddress(decodeMessage(SAMPLE_RESPONSE_V6)!, StunAttr.XorMappedAddress)).toBe(
      '[2001:db8:1234:5678:11:2233:4455:6677]:32853',
    );
    expect(readXorAddress(decodeMessage(SAMPLE_RESPONSE_V4)!, StunAttr.XorRelayedAddress)).toBeUndefined();
  });

  it('reads ERROR-CODE as class * 100 + number, with its reason', () => {
    const value = Buffer.concat([Buffer.from([0, 0, 4, 1]), Buffer.from('Unauthorized')]);
    const bytes = encodeMessage({
      method: StunMethod.Allocate,
      cls: StunClass.Error,
      transactionId: Buffer.alloc(12),
      attributes: [
        { type: StunAttr.ErrorCode, value },
        textAttribute(StunAttr.Realm, 'rashigo.test'),
        textAttribute(StunAttr.Nonce, 'n0nce'),
      ],
    });
    const answer = decodeMessage(bytes)!;
    expect(readErrorCode(answer)).toEqual({ code: 401, reason: 'Unauthorized' });
    expect(readText(answer, StunAttr.Realm)).toBe('rashigo.test');
    expect(readText(answer, StunAttr.Nonce)).toBe('n0nce');
  });
});

describe('parseIceUrl', () => {
  it('reads host, port and transport with the RFC 7064/7065 defaults', () => {
    expect(parseIceUrl('stun:stun.example.com')).toEqual({ scheme: 'stun', host: 'stun.example.com', port: 3478, transport: 'udp' });
    expect(parseIceUrl('turn:1.2.3.4:3479?transport=udp')).toEqual({ scheme: 'turn', host: '1.2.3.4', port: 3479, transport: 'udp' });
    expect(parseIceUrl('turn:turn.example.com:3478?transport=tcp')?.transport).toBe('tcp');
    expect(parseIceUrl('turns:turn.example.com')).toEqual({ scheme: 'turns', host: 'turn.example.com', port: 5349, transport: 'tcp' });
    expect(parseIceUrl('turn:[2001:db8::1]:3478')).toEqual({ scheme: 'turn', host: '2001:db8::1', port: 3478, transport: 'udp' });
  });

  it('refuses what is not a STUN/TURN URL', () => {
    for (const url of ['http://example.com', 'turn:', 'turn:host:99999', 'turn:host:3478?transport=sctp', 'stun:user@host']) {
      expect(parseIceUrl(url)).toBeUndefined();
    }
  });
});
