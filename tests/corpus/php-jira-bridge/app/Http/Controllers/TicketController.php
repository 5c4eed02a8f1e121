<?php

namespace App\Http\Controllers;

use App\Services\ServiceDesk;
use Illuminate\Http\Request;

class TicketController extends Controller
{
    public function index(Request $request, ServiceDesk $desk)
    {
        return view('tickets.index', ['tickets' => $desk->myRequests($request->user()->atlassian_account_id)]);
    }

    public function store(Request $request, ServiceDesk $desk)
    {
        $key = $desk->fileRequest($request->input('summary'), $request->input('description'), $request->user()->atlassian_account_id);
        return redirect('/tickets')->with('status', "Filed $key");
    }
}
