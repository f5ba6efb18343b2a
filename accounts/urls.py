from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/check-your-email/", views.signup_done, name="signup_done"),
    path("confirm/resend/", views.confirm_resend, name="confirm_resend"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password-change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("profile/", views.profile, name="profile"),
    path("email-change/", views.email_change, name="email_change"),
    path("email-change/cancel/", views.email_change_cancel, name="email_change_cancel"),
    path(
        "email-change/confirm/<str:token>/",
        views.email_change_confirm,
        name="email_change_confirm",
    ),
    path("export/", views.export, name="export"),
    path("delete/", views.delete, name="delete"),
]
