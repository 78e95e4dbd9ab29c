from django.urls import path

from . import account, catalogue, cooperatives, orders, pages, products, views

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
]
