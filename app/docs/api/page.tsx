import type { Metadata } from 'next';
import Reference from './reference';

export const metadata: Metadata = { title: 'API reference · Latchkey' };

/** The HTTP API's reference, rendered from its OpenAPI document. Public, like the document. */
export default function ApiDocsPage() {
  return <Reference />;
}
