// A screen's documents, written for graphql-codegen's client preset: `graphql()` returns a
// typed document whose `__meta__.hash` is its id in `gql/persisted-documents.json`.
import { graphql } from "./gql/index.js";

export const GlossaryDocument = graphql(`
  query CodegenGlossary($search: SearchText, $locale: Locale, $first: PageSize) {
    terms(search: $search, locale: $locale, first: $first) {
      items {
        slug
        name
        linkedVariant {
          slug
          name
        }
      }
      nextCursor
    }
  }
`);

export const AspectDocument = graphql(`
  query CodegenAspect($key: String!, $locale: Locale) {
    aspect(key: $key, locale: $locale) {
      key
      name
      mentoring
      coaching
    }
  }
`);

/** A typed document's id in the manifest the build wrote. */
export function documentId(document: unknown): string {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error("codegen wrote no persisted-document hash for this document");
  return hash;
}
