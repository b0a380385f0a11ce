// The documents of an Apollo Client app. `generate-persisted-query-manifest` reads this file
// and writes the manifest the build registers; Apollo Client adds `__typename` to each
// selection, and the manifest holds the documents as the client sends them.
import { gql } from "@apollo/client";

export const VARIANT_PICKER = gql`
  query ApolloVariantPicker($locale: Locale) {
    variants(first: 5, locale: $locale) {
      items {
        id
        slug
        name
        linkedTerm {
          id
          name
        }
      }
    }
  }
`;

export const TERM = gql`
  query ApolloTerm($slug: String!, $locale: Locale) {
    term(slug: $slug, locale: $locale) {
      id
      name
      definition
    }
  }
`;
