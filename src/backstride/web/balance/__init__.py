"""Balance checks: the 3-metre backward walk test, guided on the phone and over the API."""
