"""LTI 1.3 Advantage: Strategikon as a tool inside Moodle, Canvas, Blackboard and Brightspace.

The protocol (OIDC login, id_token validation, deep-linking response, AGS, NRPS, the
client-credentials token) is PyLTI1p3's; this app keeps the registrations, the tool's
keys, and the mapping from LMS identities and contexts to Strategikon users and courses.
"""
