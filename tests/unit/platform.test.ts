import { describe, expect, it } from 'vitest';
import { PAGE_ORIGINS, siteAccessHelp } from '../../lib/extension/platform';

describe('siteAccessHelp', () => {
  const permissions = (granted: boolean | Error) => ({
    asked: [] as string[][],
    async contains(request: { origins: string[] }) {
      this.asked.push(request.origins);
      if (granted instanceof Error) throw granted;
      return granted;
    },
  });

  it('shows nothing when every site the content script runs on is allowed', async () => {
    const api = permissions(true);
    expect(await siteAccessHelp(api, 'firefox')).toBeNull();
    expect(api.asked).toEqual([PAGE_ORIGINS]);
  });

  it("shows the browser's steps when sites are withheld", async () => {
    expect(await siteAccessHelp(permissions(false), 'firefox')).toBe('firefox');
    expect(await siteAccessHelp(permissions(false), 'chromium')).toBe('chromium');
  });

  it('shows nothing when the browser cannot say', async () => {
    expect(await siteAccessHelp(permissions(new Error('no permissions API')), 'firefox')).toBeNull();
  });
});
