/**
 * The ACTIVE accounts of an organization's units, recursively: for each unit its accounts
 * (ListAccountsForParent) and its child OUs (ListChildren, ORGANIZATIONAL_UNIT), every page,
 * leaving out excluded accounts and excluded OUs with everything below them. A listing that
 * fails anywhere fails whole: a partial list would drop the accounts of the OU that failed.
 */
import { ListAccountsForParentCommand, ListChildrenCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import type { Account } from '@aws-sdk/client-organizations';
import { ORGANIZATIONAL_UNIT_ID } from '../../../../modules/common/iam-rules';

/** The most either listing returns a page (AWS Organizations' MaxResults maximum). */
export const ORGANIZATIONS_PAGE_SIZE = 20;

/** An account the hub collects: ACTIVE (State, or the older Status where State is absent); suspended or closing accounts are left out. */
export function isActive(account: Pick<Account, 'State' | 'Status'>): boolean {
  return account.State !== undefined ? account.State === 'ACTIVE' : account.Status === 'ACTIVE';
}

export interface OrganizationListing {
  /** ACTIVE, not excluded account IDs, sorted. */
  readonly accounts: readonly string[];
  /** Calls made, per API. */
  readonly calls: { ListAccountsForParent: number; ListChildren: number };
}

/** Every ACTIVE account below `units`, except the excluded ones; rejects when any call fails (after the SDK's retries). */
export async function listOrganizationAccounts(
  organizations: Pick<OrganizationsClient, 'send'>,
  units: readonly string[],
  exclude: readonly string[],
  abortSignal?: AbortSignal,
): Promise<OrganizationListing> {
  const excluded = new Set(exclude);
  const calls = { ListAccountsForParent: 0, ListChildren: 0 };
  const accounts = new Set<string>();
  const visited = new Set<string>();
  const pending = units.filter((unit) => !excluded.has(unit));
  while (pending.length > 0) {
    const parent = pending.shift()!;
    // Units may nest (the root and an OU below it): each parent is listed once.
    if (visited.has(parent)) continue;
    visited.add(parent);
    let token: string | undefined;
    do {
      calls.ListAccountsForParent++;
      const page = await organizations.send(new ListAccountsForParentCommand({ ParentId: parent, MaxResults: ORGANIZATIONS_PAGE_SIZE, NextToken: token }), {
        abortSignal,
      });
      for (const account of page.Accounts ?? []) {
        if (account.Id && isActive(account) && !excluded.has(account.Id)) accounts.add(account.Id);
      }
      token = page.NextToken;
    } while (token);
    do {
      calls.ListChildren++;
      const page = await organizations.send(
        new ListChildrenCommand({ ParentId: parent, ChildType: 'ORGANIZATIONAL_UNIT', MaxResults: ORGANIZATIONS_PAGE_SIZE, NextToken: token }),
        { abortSignal },
      );
      for (const child of page.Children ?? []) {
        if (child.Id && ORGANIZATIONAL_UNIT_ID.test(child.Id) && !excluded.has(child.Id)) pending.push(child.Id);
      }
      token = page.NextToken;
    } while (token);
  }
  return { accounts: [...accounts].sort(), calls };
}
