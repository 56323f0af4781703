/**
 * Signs in through Auth.js's own HTTP endpoints, as the browser's form does, and returns the
 * session cookie ("name=value"), or undefined when the sign-in was refused.
 */
export async function signInOverHttp(baseUrl: string, email: string, password: string) {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookies = csrfResponse.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);

  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: csrfCookies.join('; '),
    },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: '/' }),
  });
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .find((cookie) => cookie.startsWith('authjs.session-token='));
  return { session, status: response.status, location: response.headers.get('location') };
}
