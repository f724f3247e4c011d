/** A GraphQL response as tests read it. */
export interface GqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** POSTs one operation; headers as given (authorization, x-purpose…). */
export async function postGraphql<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GqlResponse<T>> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as GqlResponse<T>;
  return { ...body, status: res.status };
}

/** The codes of a response's errors, for assertions. */
export function errorCodes(res: GqlResponse): string[] {
  return (res.errors ?? []).map((e) => e.extensions?.code);
}
