"""The Backstride web app: a Django shell over ``backstride.training``.

Apps are named by domain (``core`` for pages every visitor sees and the health probe,
``accounts`` for people and sign-in, ``api`` for the JSON API and its tokens). They
hold forms, views and storage; the coaching rules stay in the pure engine.
"""
