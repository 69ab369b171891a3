"""Coach/physio sharing: invites, the coach dashboard and coach notes."""
