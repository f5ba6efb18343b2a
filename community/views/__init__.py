"""Community pages, one module per concern (groups, threads, follows, moderation, experts)
over the look-ups in `common`. Thin: look up, check permission through selectors, call a
service, render. Rules and their messages come from services (`CommunityError`).

`community/urls.py` imports the page modules directly."""
