"""The organisation a portal request acts for. A user may belong to several organisations and
switches between them (切换单位); the choice is kept in the session and always re-checked
against the user's memberships, so a stale or forged id is never honoured."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect

from shop.users.roles import is_operator

from .selectors import memberships_of, organisations_for

SESSION_KEY = "procurement_organisation_id"


def organisation_current(request):
    """The organisation ``request.user`` acts for: the one chosen in the session if they may
    open it, else their first membership's; None when they belong to none (an operator who
    chose none)."""
    chosen = request.session.get(SESSION_KEY)
    if chosen is not None:
        organisation = organisations_for(request.user).filter(pk=chosen).first()
        if organisation is not None:
            return organisation
    membership = memberships_of(request.user).order_by("pk").first()
    return membership.organisation if membership else None


def organisation_choose(request, organisation_id):
    """Switches ``request``'s organisation to ``organisation_id`` if the user may open it;
    returns the organisation, or None (nothing changed)."""
    organisation = organisations_for(request.user).filter(pk=organisation_id).first()
    if organisation is not None:
        request.session[SESSION_KEY] = organisation.pk
    return organisation


class OrganisationRequiredMixin(LoginRequiredMixin):
    """A portal page of the current organisation: sets ``self.organisation`` and
    ``self.membership`` (None for an operator), and sends someone who belongs to no
    organisation to the registration page. Views still read every object through the
    ``procurement.selectors`` querysets; this only says which organisation is current."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.organisation = organisation_current(request)
        if self.organisation is None:
            return redirect("procurement:register")
        self.membership = memberships_of(request.user).filter(organisation=self.organisation).first()
        if self.membership is None and not is_operator(request.user):
            return redirect("procurement:register")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organisation"] = self.organisation
        context["membership"] = self.membership
        context["memberships"] = memberships_of(self.request.user)
        return context
