/**
 * A service-managed StackSet's deletion by organizational unit, which moto lacks: AWS deletes the
 * stack instances of every account of the units (the way CreateStackInstances deployed them),
 * while moto 5.2.1 reads only `Accounts` and deletes nothing for a request naming units, so the
 * StackSet then cannot be deleted (StackSetNotEmpty) and `terraform destroy` of an organization
 * stack fails. The front adds the units' accounts (recursively, as the caller's organization holds
 * them) to such a request before passing it on.
 */

const ORGANIZATIONS_TARGET = 'AWSOrganizationsV20161128';

/** The `<prefix>.member.N` values of a query-protocol form, in order. */
export function formList(form: URLSearchParams, prefix: string): string[] {
  return [...form.keys()]
    .map((key) => new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.member\\.(\\d+)$`).exec(key))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => form.get(m[0])!);
}

/** The form with `accounts` as its `Accounts` list. */
export function withAccounts(form: URLSearchParams, accounts: readonly string[]): URLSearchParams {
  const out = new URLSearchParams(form);
  for (const [i, account] of accounts.entries()) out.set(`Accounts.member.${i + 1}`, account);
  return out;
}

/** The units of a DeleteStackInstances request that names units and no account, or undefined for any other request. */
export function unitsToExpand(form: URLSearchParams): string[] | undefined {
  if (form.get('Action') !== 'DeleteStackInstances' || formList(form, 'Accounts').length > 0) return undefined;
  const units = formList(form, 'DeploymentTargets.OrganizationalUnitIds');
  return units.length > 0 ? units : undefined;
}

async function organizationsCall<T>(motoEndpoint: string, account: string, action: string, input: object): Promise<T> {
  const response = await fetch(`${motoEndpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `${ORGANIZATIONS_TARGET}.${action}`,
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIAEMULATOR000000/20250101/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=0',
      'x-moto-account-id': account,
    },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`organizations:${action} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Every page of a listing. */
async function allPages<T>(call: (token?: string) => Promise<{ NextToken?: string; items: T[] }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await call(token);
    out.push(...page.items);
    token = page.NextToken;
  } while (token);
  return out;
}

/** The accounts of the units and of every unit below them, as the organization of `account` holds them. */
export async function unitAccounts(motoEndpoint: string, account: string, units: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  const queue = [...units];
  for (let unit = queue.shift(); unit !== undefined; unit = queue.shift()) {
    const parent = unit;
    const accounts = await allPages(async (NextToken) => {
      const page = await organizationsCall<{ Accounts?: Array<{ Id: string }>; NextToken?: string }>(motoEndpoint, account, 'ListAccountsForParent', {
        ParentId: parent,
        ...(NextToken ? { NextToken } : {}),
      });
      return { NextToken: page.NextToken, items: (page.Accounts ?? []).map((a) => a.Id) };
    });
    for (const id of accounts) found.add(id);
    const children = await allPages(async (NextToken) => {
      const page = await organizationsCall<{ Children?: Array<{ Id: string }>; NextToken?: string }>(motoEndpoint, account, 'ListChildren', {
        ParentId: parent,
        ChildType: 'ORGANIZATIONAL_UNIT',
        ...(NextToken ? { NextToken } : {}),
      });
      return { NextToken: page.NextToken, items: (page.Children ?? []).map((c) => c.Id) };
    });
    queue.push(...children);
  }
  return [...found].sort();
}

/** The Authorization header with its credential scope's service changed: moto routes a request by that service. */
export const scopedTo = (authorization: string, service: string) =>
  authorization.replace(/(Credential=[^/]+\/\d+\/[^/]+\/)[^/]+(\/aws4_request)/, `$1${service}$2`);

/** The account of a request's caller (moto maps an assumed role's key to its account). */
async function callerAccount(motoEndpoint: string, authorization: string | undefined): Promise<string> {
  const response = await fetch(`${motoEndpoint}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', authorization: scopedTo(authorization ?? '', 'sts') },
    body: new URLSearchParams({ Action: 'GetCallerIdentity', Version: '2011-06-15' }).toString(),
  });
  const account = /<Account>(\d{12})<\/Account>/.exec(await response.text())?.[1];
  if (!account) throw new Error('GetCallerIdentity named no account');
  return account;
}

/** The request as AWS would act on it: a DeleteStackInstances by units, with their accounts; undefined leaves the request as it is. */
export async function stackSetUnitsExpanded(
  motoEndpoint: string,
  form: URLSearchParams,
  authorization: string | undefined,
): Promise<URLSearchParams | undefined> {
  const units = unitsToExpand(form);
  if (!units) return undefined;
  const accounts = await unitAccounts(motoEndpoint, await callerAccount(motoEndpoint, authorization), units);
  return withAccounts(form, accounts);
}
