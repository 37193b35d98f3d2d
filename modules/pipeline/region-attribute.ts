/**
 * The region an aws_region data source reads. AWS provider 6 (@cdktf/provider-aws 21,
 * @cdktn/provider-aws 25) renamed its `name` attribute to `region` and deprecated `name`;
 * one build serves provider 5 and 6, so the attribute is chosen by what the binding has.
 */
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';

/** `region` where the binding has it (provider 6), else `name` (provider 5). */
export function regionAttribute(data: DataAwsRegion): string {
  // Provider 5's binding has no region getter of its own; provider 6's has one beside the deprecated name.
  const hasRegion = Object.getOwnPropertyDescriptor(DataAwsRegion.prototype, 'region') !== undefined;
  return hasRegion ? (data as unknown as { readonly region: string }).region : data.name;
}
