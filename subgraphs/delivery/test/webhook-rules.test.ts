import { describe, expect, it } from 'vitest';
import { isPublicAddress, nextAttemptDelay, quotaThresholdsReached, webhookUrlProblem } from '../src/domain/webhooks.js';

describe('webhook rules', () => {
  it('tells public addresses from the platform\'s own networks', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '2400:3200::1', '100.128.0.1']) expect(isPublicAddress(ip), ip).toBe(true);
    for (const ip of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd12::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe']) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });

  it('accepts https to public hosts; http and private targets only when allowed', () => {
    expect(webhookUrlProblem('https://hooks.example.com/x', { allowPrivate: false })).toBeNull();
    expect(webhookUrlProblem('http://hooks.example.com/x', { allowPrivate: false })).toBe('SCHEME');
    expect(webhookUrlProblem('https://[::ffff:7f00:1]/x', { allowPrivate: false })).toBe('PRIVATE_ADDRESS');
    expect(webhookUrlProblem('http://127.0.0.1:9/x', { allowPrivate: true })).toBeNull();
    expect(webhookUrlProblem('file:///etc/passwd', { allowPrivate: true })).toBe('SCHEME');
  });

  it('quota thresholds and the retry schedule', () => {
    expect(quotaThresholdsReached(3n, 5n)).toEqual([]);
    expect(quotaThresholdsReached(4n, 5n)).toEqual([80]);
    expect(quotaThresholdsReached(5n, 5n)).toEqual([80, 100]);
    expect(quotaThresholdsReached(9n, null)).toEqual([]);
    expect([1, 2, 3].map((n) => nextAttemptDelay(n, [5, 300]))).toEqual([5, 300, null]);
  });
});
