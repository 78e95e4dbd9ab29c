from django.urls import path

from . import account, basket, catalogue, checkout, cooperatives, orders, pages, products, views

app_name = "storefront"

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", account.login_view, name="login"),
    path("accounts/logout/", account.logout_view, name="logout"),
    path("accounts/signup/", account.signup, name="signup"),
    path("cooperatives/", cooperatives.cooperative_list, name="cooperative-list"),
    path("cooperatives/<slug:slug>/", cooperatives.cooperative_detail, name="cooperative-detail"),
    path("orders/<uuid:token>/", orders.order_detail, name="order-detail"),
    path("pages/<slug:slug>/", pages.page_detail, name="page"),
    path("catalogue/", catalogue.catalogue, name="catalogue"),
    path("search/", catalogue.search_results, name="search"),
    path("categories/<slug:slug>/", catalogue.category_detail, name="category"),
    path("products/<slug:slug>/", products.product_detail, name="product-detail"),
    path("accounts/signup/sent/", account.signup_sent, name="signup-sent"),
    path("accounts/confirm/", account.account_confirm, name="account-confirm"),
    path("accounts/password/forgot/", account.password_forgot, name="password-forgot"),
    path("accounts/password/reset/", account.password_reset, name="password-reset"),
    path("account/", orders.account_home, name="account"),
    path("account/addresses/", account.account_addresses, name="account-addresses"),
    path(
        "account/addresses/<int:pk>/delete/",
        account.account_address_delete,
        name="account-address-delete",
    ),
    path("account/orders/<uuid:token>/cancel/", orders.order_cancel_view, name="order-cancel"),
    path("orders/", orders.order_lookup, name="order-lookup"),
    path("basket/", basket.basket_detail, name="basket"),
    path("basket/add/", basket.basket_add_view, name="basket-add"),
    path("basket/lines/<int:line_id>/", basket.basket_line_update, name="basket-line-update"),
    path(
        "basket/lines/<int:line_id>/remove/", basket.basket_line_remove, name="basket-line-remove"
    ),
    path("checkout/", checkout.checkout_start, name="checkout"),
    path("checkout/address/", checkout.checkout_address, name="checkout-address"),
    path("checkout/delivery/", checkout.checkout_delivery, name="checkout-delivery"),
    path("checkout/payment/", checkout.checkout_payment, name="checkout-payment"),
    path("checkout/review/", checkout.checkout_review, name="checkout-review"),
    path("checkout/place/", checkout.checkout_place, name="checkout-place"),
    path(
        "checkout/confirmation/<uuid:token>/",
        checkout.checkout_confirmation,
        name="checkout-confirmation",
    ),
]
