"""The framework floor: a minimal Django project with one view that renders a 15 KB page.

`make bench` serves it with gunicorn and the project's gunicorn.conf.py (the same workers,
threads and logging as the site) and compares every page of the site with it:
`gunicorn -c gunicorn.conf.py bench.floor.wsgi:application`.
"""
